package org.darkfigure.pseudonymise;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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
 *   <li>{@code lk_name_bf}: balanced, keyed Bloom filter of the name words' bigrams ({@link BloomEncoding});</li>
 *   <li>{@code lk_dob_hash}: HMAC of the date of birth; {@code lk_dob_bf}: Bloom encoding of its digits;</li>
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
    public static final List<String> OUTPUT_FIELDS = List.of("linkage_key", "lk_name_bf", "lk_dob_hash", "lk_dob_bf",
            "lk_doc_hash", "lk_doc_bf", "birth_year");

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("uuuuMMdd");

    private final Mac key;
    private final Mac dob;
    private final Mac doc;
    private final BloomEncoding bloom;
    private final BloomEncoding dobBloom;
    private final BloomEncoding docBloom;

    public Pseudonymiser(Keyring keys) {
        this.key = keys.mac("linkage-key/v1");
        this.dob = keys.mac("date-of-birth/v1");
        this.doc = keys.mac("document/v1");
        this.bloom = new BloomEncoding(keys);
        this.dobBloom = new BloomEncoding(keys, "bloom-dob");
        this.docBloom = new BloomEncoding(keys, "bloom-doc");
    }

    /** The linkage fields of one person; clear values may be null or empty. */
    public Map<String, String> encode(String givenName, String familyName, String dateOfBirth, String documentNumber,
                                      String documentCountry) {
        Map<String, String> out = new LinkedHashMap<>();
        String name = NameNormaliser.orderFree(givenName, familyName);
        LocalDate birth = parseDate(dateOfBirth);
        out.put("linkage_key", !name.isEmpty() && birth != null ? Keyring.token(key, name + "|" + birth) : "");
        out.put("lk_name_bf", bloom.encode(NameNormaliser.tokens(givenName, familyName)));
        out.put("lk_dob_hash", birth != null ? Keyring.token(dob, birth.toString()) : "");
        // the digits of the date as written (YYYYMMDD), so that a date with a typo stays similar
        String digits = dateOfBirth == null ? "" : dateOfBirth.replaceAll("[^0-9]", "");
        out.put("lk_dob_bf", digits.length() == 8 ? dobBloom.encode(List.of(digits)) : "");
        String number = documentNumber == null ? "" : documentNumber.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        String country = documentCountry == null ? "" : documentCountry.trim().toUpperCase(Locale.ROOT);
        out.put("lk_doc_hash", number.isEmpty() ? "" : Keyring.token(doc, country + "|" + number));
        out.put("lk_doc_bf", number.isEmpty() ? "" : docBloom.encode(List.of(number)));
        out.put("birth_year", birth != null ? Integer.toString(birth.getYear()) : "");
        return out;
    }

    /** A date of birth as YYYY-MM-DD or YYYYMMDD; null when absent or not a calendar date. */
    public static LocalDate parseDate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        try {
            return t.length() == 8 && t.chars().allMatch(Character::isDigit) ? LocalDate.parse(t, COMPACT) : LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
