package org.darkfigure.pseudonymise;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;

/**
 * Turns one person's clear identifiers into the standard's linkage fields, at the member state:
 * <ul>
 *   <li>{@code linkage_key}: HMAC of the order-free normalised full name and the date of birth
 *       (empty unless both are known: a name alone is not distinctive enough);</li>
 *   <li>{@code lk_name_bf}: keyed Bloom filter of the name words' bigrams behind a keyed diffusion layer ({@link BloomEncoding});</li>
 *   <li>{@code lk_name_ph}: HMAC of the name's order-free phonetic key ({@link NameNormaliser#phoneticKey}), which
 *       transliteration variants of one name share;</li>
 *   <li>{@code lk_dob_hash}: keyed hashes of the date of birth with each name word's first and last letters and
 *       with each word's sound, then its near parts: the month and day with a pair of adjacent years and a pair of
 *       words' letters ({@link #dateWithWordEnds}); {@code lk_dob_var}: keyed hashes of the variants a clerk's
 *       error leaves equal ({@link #DOB_VARIANTS}), so that a swapped day and month, a year one off or a wrong day
 *       are found without an encoding of the date's digits (issue 16: a Bloom filter of digits was decodable from a
 *       few hundred known records). Placeholder dates ({@link BirthDate}) give no hash and no linkage key: 1 January
 *       is compared by its year only, the 1st of another month by year and month. {@code lk_dob_bf} is no longer
 *       written;</li>
 *   <li>{@code lk_doc_hash}: HMAC of the document number (letters and digits only, upper case) and issuing
 *       country; {@code lk_doc_bf}: Bloom encoding of the number;</li>
 *   <li>{@code birth_year}: the year of the date of birth (a quasi-identifier the standard keeps in clear).</li>
 * </ul>
 * Not thread-safe (it holds MACs); use one per thread.
 */
public final class Pseudonymiser {

    /** The clear-text inputs it understands; every one of them is dropped from the output. */
    public static final List<String> CLEAR_FIELDS = List.of("given_name", "family_name", "date_of_birth",
            "document_number", "document_country", "place_of_birth");
    /** The fields it writes. */
    public static final List<String> OUTPUT_FIELDS = List.of("linkage_key", "lk_name_bf", "lk_name_ph", "lk_dob_hash",
            "lk_dob_var", "lk_doc_hash", "lk_doc_bf", "birth_year");

    /**
     * The parts of {@code lk_dob_var}, in order, separated by ".": the year with the day and month as an unordered
     * pair (a day/month swap keeps it), the month and day (a wrong year keeps it), the year and month (a wrong day
     * keeps it), the year and day (a wrong month keeps it). A date known to the month has only the year and month;
     * one known to the year has none.
     */
    public static final List<String> DOB_VARIANTS = List.of("year-unordered-day-month", "month-day", "year-month",
            "year-day");
    /** Characters of each variant's hash: 22 base64 characters, 132 bits. */
    static final int VARIANT_LENGTH = 22;

    private final Mac key;
    private final Mac dob;
    private final Mac doc;
    private final Mac phonetic;
    private final Mac variants;
    private final BloomEncoding bloom;
    private final BloomEncoding docBloom;

    public Pseudonymiser(Keyring keys) {
        this.key = keys.mac("linkage-key/v1");
        this.dob = keys.mac("date-of-birth/v2");
        this.doc = keys.mac("document/v1");
        this.phonetic = keys.mac("name-phonetic/v1");
        this.variants = keys.mac("date-of-birth-variants/v1");
        this.bloom = new BloomEncoding(keys);
        this.docBloom = new BloomEncoding(keys, "bloom-doc", BloomEncoding.DOCUMENT_LENGTH);
    }

    /** The linkage fields of one person; clear values may be null or empty. */
    public Map<String, String> encode(String givenName, String familyName, String dateOfBirth, String documentNumber,
                                      String documentCountry) {
        Map<String, String> out = new LinkedHashMap<>();
        String name = NameNormaliser.orderFree(givenName, familyName);
        BirthDate parsed = BirthDate.parse(dateOfBirth);
        LocalDate birth = parsed != null && parsed.precision() == BirthDate.Precision.DAY ? parsed.date() : null;
        out.put("linkage_key", !name.isEmpty() && birth != null ? Keyring.token(key, name + "|" + birth) : "");
        out.put("lk_name_bf", bloom.encode(NameNormaliser.tokens(givenName, familyName)));
        String sound = NameNormaliser.phoneticKey(givenName, familyName);
        out.put("lk_name_ph", sound.isEmpty() ? "" : Keyring.token(phonetic, sound));
        out.put("lk_dob_hash", birth != null ? dateWithWordEnds(birth, NameNormaliser.tokens(givenName, familyName)) : "");
        out.put("lk_dob_var", parsed == null ? "" : variants(parsed, sound));
        String number = documentNumber == null ? "" : documentNumber.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        String country = documentCountry == null ? "" : documentCountry.trim().toUpperCase(Locale.ROOT);
        out.put("lk_doc_hash", number.isEmpty() ? "" : Keyring.token(doc, country + "|" + number));
        out.put("lk_doc_bf", number.isEmpty() ? "" : docBloom.encode(List.of(number)));
        out.put("birth_year", parsed != null ? Integer.toString(parsed.year()) : "");
        return out;
    }

    /**
     * The variants, each hashed with the name's sound: a variant alone has few values (366 month-days), so anyone
     * holding a few hundred records in clear could read every other record's from a dictionary of its hashes (and the
     * full date with the clear birth year); bound to the sound, a hash is shared only by namesakes (issue 16's
     * known-plaintext attack). The price: a clerk's error in the date is forgiven only between records whose names
     * sound the same. No sound, no variants.
     */
    private String variants(BirthDate d, String sound) {
        if (sound.isEmpty()) {
            return "";
        }
        String s = "|" + sound;
        return switch (d.precision()) {
            case YEAR -> "";
            case MONTH -> ".." + variant("ym|" + d.year() + "|" + d.month() + s) + ".";
            case DAY -> variant("dm|" + d.year() + "|" + Math.min(d.month(), d.day()) + "|" + Math.max(d.month(), d.day()) + s)
                    + "." + variant("md|" + d.month() + "|" + d.day() + s) + "." + variant("ym|" + d.year() + "|" + d.month() + s)
                    + "." + variant("yd|" + d.year() + "|" + d.day() + s);
        };
    }

    /**
     * The full date hashed once with each distinct pair of first and last letters of the name's words, and once with
     * each word's sound (Double Metaphone, as {@link NameNormaliser#phoneticKey}); sorted, "."-separated; a date
     * without a name: once, with none. Why: a hash of the date alone is shared by everyone born that day, so an insider
     * holding 1,000 records in clear read the date of 4.1% of other people's records from it (issue 16's attack, goal
     * 1%); with each word's initial 1.3%, with its first and last letters 0.2%, and with the words' sounds as well still
     * 0.2%. One shared word is enough for linkage, so a dropped second name, swapped name order or a typo inside one
     * word still finds the same date; transliterations mostly keep a word's ends (Mohammed / Muhammad, Yusuf / Youssef,
     * Khan / Kahn) or its sound (Chaudhuri / Choudhury, the Bengali script's হাসান / Hasan, 张 / Zhang). The sounds
     * found the same date on the registers where script and Latin spellings share no word's letters (30 of the 192
     * true pairs missed among records with full dates at 5,000 people): registers 0.889 → 0.894 and 0.856 → 0.857,
     * fake_1000 0.752 → 0.758, FEBRL 3 0.9923 → 0.9929, historical_figures 0.651 → 0.649.
     *
     * <p>After an empty part come the near parts: the month and day hashed with each pair of adjacent years that holds
     * the birth year (so two dates a year apart share one) and each pair of the words' first and last letters (none for
     * a one-word name: two letters alone joined May and Murray, born a year apart on fake_1000; the month-and-day
     * variant still finds a one-word name that sounds the same). Why: a year one off with a name spelt otherwise was
     * the largest group of missed pairs with full dates on the registers (105 of 192 at 5,000 people), and the
     * month-and-day variant of {@code lk_dob_var}, bound to the whole name's sound, misses it. With one word's letters
     * instead of two, historical_figures_50k lost 0.012 of F1 (its common given names born on the same day a year
     * apart became candidates); with two it lost nothing, and other people's dates read by the attack stayed at 0.2%.
     */
    private String dateWithWordEnds(LocalDate birth, List<String> tokens) {
        java.util.TreeSet<String> ends = new java.util.TreeSet<>();
        for (String t : tokens) {
            if (!t.isEmpty()) {
                ends.add(t.substring(0, Character.charCount(t.codePointAt(0))) + t.substring(t.offsetByCodePoints(t.length(), -1)));
            }
        }
        if (ends.isEmpty()) {
            ends.add("");
        }
        StringBuilder out = new StringBuilder();
        List<String> kept = ends.stream().limit(MAX_DATE_PARTS).toList();
        java.util.TreeSet<String> exact = new java.util.TreeSet<>(kept);
        for (String t : tokens) {
            String sound = NameNormaliser.phoneticKey(t);
            if (!sound.isEmpty() && exact.size() < 2 * MAX_DATE_PARTS) {
                exact.add("~" + sound); // "~": a sound never equals a pair of letters
            }
        }
        for (String end : exact) {
            out.append(out.length() == 0 ? "" : ".").append(Keyring.token(dob, birth + "|" + end).substring(0, VARIANT_LENGTH));
        }
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            for (int j = i + 1; j < kept.size(); j++) {
                pairs.add(kept.get(i) + "|" + kept.get(j));
            }
        }
        if (!pairs.isEmpty()) {
            out.append('.'); // an empty part: the near parts follow
        }
        for (String end : pairs.stream().limit(MAX_NEAR_PAIRS).toList()) {
            for (int first = birth.getYear() - 1; first <= birth.getYear(); first++) {
                out.append('.').append(Keyring.token(dob, "near|" + birth.getMonthValue() + "|" + birth.getDayOfMonth()
                        + "|" + first + "|" + end).substring(0, VARIANT_LENGTH));
            }
        }
        return out.toString();
    }

    /**
     * Words whose letters make exact parts of {@code lk_dob_hash} (as many again for their sounds) and pairs of words'
     * letters for the near parts (two parts each): 12 + 1 + 12 parts of 23 characters fit the standard's 640.
     */
    static final int MAX_DATE_PARTS = 6;
    static final int MAX_NEAR_PAIRS = 6;

    /**
     * Whether two {@code lk_dob_hash} values share an exact part (the same date and a word's ends or sound). Without
     * allocating.
     */
    public static boolean sameDate(String a, String b) {
        return share(a, b, false);
    }

    /** Whether two {@code lk_dob_hash} values share a near part (the same month and day, years at most one apart). */
    public static boolean nearDate(String a, String b) {
        return share(a, b, true);
    }

    private static boolean share(String a, String b, boolean near) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            return false;
        }
        int aFrom = near ? nearStart(a) : 0;
        int aTo = near ? a.length() : exactEnd(a);
        int bFrom = near ? nearStart(b) : 0;
        int bTo = near ? b.length() : exactEnd(b);
        for (int i = aFrom; i < aTo; ) {
            int iEnd = a.indexOf('.', i);
            iEnd = iEnd < 0 || iEnd > aTo ? aTo : iEnd;
            for (int j = bFrom; j < bTo; ) {
                int jEnd = b.indexOf('.', j);
                jEnd = jEnd < 0 || jEnd > bTo ? bTo : jEnd;
                if (iEnd - i == jEnd - j && iEnd > i && a.regionMatches(i, b, j, iEnd - i)) {
                    return true;
                }
                j = jEnd + 1;
            }
            i = iEnd + 1;
        }
        return false;
    }

    /** The exact parts of an {@code lk_dob_hash} value, or its near parts; none for null or empty. */
    public static List<String> dateParts(String value, boolean near) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        String section = near ? value.substring(nearStart(value)) : value.substring(0, exactEnd(value));
        return java.util.Arrays.stream(section.split("\\.")).filter(p -> !p.isEmpty()).toList();
    }

    /** Where a value's exact parts end: at its empty part (values written before near parts existed: the end). */
    private static int exactEnd(String v) {
        int e = v.indexOf("..");
        return e < 0 ? v.length() : e;
    }

    private static int nearStart(String v) {
        int e = v.indexOf("..");
        return e < 0 ? v.length() : e + 2;
    }

    private String variant(String value) {
        return Keyring.token(variants, value).substring(0, VARIANT_LENGTH);
    }

}
