package org.darkfigure.link;

import java.util.List;
import org.darkfigure.pseudonymise.BloomEncoding;
import org.darkfigure.pseudonymise.Pseudonymiser;

/**
 * The comparison vector of a pair of records: one level per field, 0 = missing on either side, then
 * from the strongest agreement down. A pattern packs the levels into one int (4 bits per field), so
 * Spark can count patterns and the Fellegi–Sunter model work on that small table.
 */
public final class Comparison {

    /** A compared field, its level names (index = level; 0 is "missing"). */
    public record Field(String name, List<String> levels) {
        public int size() {
            return levels.size();
        }
    }

    public static final List<Field> FIELDS = List.of(
            new Field("linkage_key", List.of("missing", "same", "different")),
            new Field("name", List.of("missing", "similarity >= 0.95", "same sound", ">= 0.75", ">= 0.55", ">= 0.35",
                    "below, a short name", "below")),
            new Field("date_of_birth", List.of("missing", "same", "day and month swapped",
                    "same day and month, year 1 apart", "same day and month, year further apart", "same year and month",
                    "same year and day", "same year (a date known to the year)", "year 1 apart (a date known to the year)",
                    "different date, same year", "different date, year 1 apart", "different")),
            new Field("document", List.of("missing", "same", "similar", "different")),
            new Field("sex", List.of("missing", "same", "different")),
            new Field("citizenship", List.of("missing", "same", "different")),
            new Field("detection_date", List.of("missing", "within 7 days", "within 60 days", "further apart")),
            // one list rarely records a person twice (the demo's lists: 3%; FEBRL 4's two files: never), so a pair
            // within one list needs more evidence than a pair across lists; a single list says nothing (m = u = 1)
            new Field("list", List.of("missing", "same list", "different lists")));

    /** Bits per field in a packed pattern: up to 15 levels; eight fields fill an int (read back unsigned). */
    private static final int BITS = 4;

    private Comparison() {
    }

    /** The position of a field in {@link #FIELDS}. */
    public static int index(String field) {
        for (int k = 0; k < FIELDS.size(); k++) {
            if (FIELDS.get(k).name().equals(field)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no compared field " + field);
    }

    /** The levels of every field for a pair, packed. */
    public static int pattern(LinkRecord a, LinkRecord b) {
        // the linkage key is the name and the date of birth hashed together: where both are compared it says nothing
        // more (and "different" would count their disagreement twice); it speaks for records without them
        boolean namesAndDates = a.name() != null && b.name() != null && a.name().length > 0 && b.name().length > 0
                && both(a.dobHash(), b.dobHash());
        int[] levels = {
                namesAndDates ? 0 : exact(a.linkageKey(), b.linkageKey()),
                name(a, b),
                dateOfBirth(a, b),
                fuzzy(a.docHash(), b.docHash(), a.doc(), b.doc()),
                exact(a.sex() == null || a.sex().equals("UNK") ? null : a.sex(), b.sex() == null || b.sex().equals("UNK") ? null : b.sex()),
                citizenship(a, b),
                a.detectionDay() < 0 || b.detectionDay() < 0 ? 0 : Math.abs(a.detectionDay() - b.detectionDay()) <= 7 ? 1
                        : Math.abs(a.detectionDay() - b.detectionDay()) <= 60 ? 2 : 3,
                a.source() == null || b.source() == null ? 0 : a.source().equals(b.source()) ? 1 : 2};
        return pack(levels);
    }

    /** The name's and the citizenship's levels of a pair alone, packed as {@link #pattern} packs them (others 0). */
    static int nameAndCitizenship(LinkRecord a, LinkRecord b) {
        return name(a, b) << (BITS * NAME) | citizenship(a, b) << (BITS * CITIZENSHIP);
    }

    private static final int NAME = index("name");
    private static final int CITIZENSHIP = index("citizenship");

    private static int citizenship(LinkRecord a, LinkRecord b) {
        return exact(a.citizenship() == null || a.citizenship().equals("UNK") ? null : a.citizenship(),
                b.citizenship() == null || b.citizenship().equals("UNK") ? null : b.citizenship());
    }

    /**
     * Issue 16: dates of birth as registers hold them. Full dates compare by their hash, then by the variant hashes
     * that a clerk's error leaves equal (day and month swapped; month and day with the year one off; year and month);
     * a date known only to the month or the year (placeholders included) compares by what it says; the birth year
     * stands in for records without any date hash (older files, offender records). Nothing known on a side: missing.
     */
    static int dateOfBirth(LinkRecord a, LinkRecord b) {
        if (a.birthYear() < 0 || b.birthYear() < 0) {
            return both(a.dobHash(), b.dobHash()) ? (Pseudonymiser.sameDate(a.dobHash(), b.dobHash()) ? 1 : DIFFERENT_DATE) : 0;
        }
        int years = Math.abs(a.birthYear() - b.birthYear());
        boolean fullA = a.dobHash() != null && !a.dobHash().isEmpty();
        boolean fullB = b.dobHash() != null && !b.dobHash().isEmpty();
        String[] va = a.dobVariants();
        String[] vb = b.dobVariants();
        if (fullA && fullB) {
            if (Pseudonymiser.sameDate(a.dobHash(), b.dobHash())) {
                return 1;
            }
            if (va != null && vb != null) {
                if (same(va[0], vb[0])) {
                    return 2;
                }
                if (same(va[1], vb[1])) {
                    return years == 1 ? 3 : 4;
                }
                if (same(va[2], vb[2])) {
                    return 5;
                }
                if (same(va[3], vb[3])) {
                    return 6;
                }
            }
            if (Pseudonymiser.nearDate(a.dobHash(), b.dobHash())) {
                return years == 1 ? 3 : 4;
            }
            return different(years);
        }
        // at least one side is known to the month or the year only
        if (va != null && vb != null && same(va[2], vb[2])) {
            return 5;
        }
        if (va != null && va[2] != null && vb != null && vb[2] != null) {
            return different(years); // both known to the month at least, and the months differ
        }
        return years == 0 ? 7 : years == 1 ? 8 : DIFFERENT_DATE;
    }

    /**
     * Dates that differ, by how far apart their (clear) birth years are: the variants that would have found a
     * clerk's error are hashed with the name's sound, so a typo in the name as well leaves only this to say that
     * the dates are close.
     */
    private static int different(int years) {
        return years == 0 ? 9 : years == 1 ? 10 : DIFFERENT_DATE;
    }

    private static final int DIFFERENT_DATE = 11;

    private static boolean same(String x, String y) {
        return x != null && x.equals(y);
    }

    /** Similarity of two name encodings ({@link BloomEncoding#similarity}): unrelated names near 0, equal names 1. */
    public static double nameSimilarity(LinkRecord a, LinkRecord b) {
        if (a.name() == null || b.name() == null || a.name().length == 0 || b.name().length == 0) {
            return Double.NaN;
        }
        return BloomEncoding.similarity(a.name(), b.name());
    }

    static int name(LinkRecord a, LinkRecord b) {
        double s = nameSimilarity(a, b);
        if (Double.isNaN(s)) {
            return exact(a.namePhonetic(), b.namePhonetic()) == 1 ? 2 : 0;
        }
        if (s >= 0.95) {
            return 1;
        }
        // the same sound (lk_name_ph) ranks above spelling similarity: "Muhammad Abdallah" is "Mohammed Abdullah"
        // however few bigrams they share (issue 16)
        if (exact(a.namePhonetic(), b.namePhonetic()) == 1) {
            return 2;
        }
        // levels calibrated on FEBRL: one typo in a name gives about 0.75-0.9, unrelated names below 0.3
        return s >= 0.75 ? 3 : s >= 0.55 ? 4 : s >= 0.35 ? 5 : shortName(a) || shortName(b) ? 6 : 7;
    }

    /**
     * Whether a name encoding is short: about seven distinct bigrams or fewer ("Hugo", "Reuben", "Li Wei"), read from
     * the share of its published bits that are set, which grows with the filter's (on fake_1000 under a test key: all
     * but two of the single words of up to seven bigrams are under 900 of 2,048 bits, and two of 700 two-word names).
     * Registers often hold a given name alone on one record and a family name alone on another; such names share no
     * bigrams, and "below" then says far less than between two full names (fake_1000: -5.6 bits against -19.2), so
     * the pair gets its own level with its own learnt weight.
     */
    static boolean shortName(LinkRecord r) {
        int ones = 0;
        for (long w : r.name()) {
            ones += Long.bitCount(w);
        }
        return ones < SHORT_NAME_SHARE * 64 * r.name().length;
    }

    /** Below this share of set bits a name encoding holds one short word (see {@link #shortName}). */
    private static final double SHORT_NAME_SHARE = 0.44;

    /** Same hash: 1; else similar encodings (one or two characters differ): 2; else 3; missing: 0. */
    private static int fuzzy(String hashA, String hashB, long[] bitsA, long[] bitsB) {
        int exact = exact(hashA, hashB);
        if (exact == 1) {
            return 1;
        }
        if (bitsA != null && bitsB != null && bitsA.length > 0 && bitsB.length > 0) {
            double s = BloomEncoding.similarity(bitsA, bitsB);
            return s >= 0.6 ? 2 : 3;
        }
        return exact == 0 ? 0 : 3;
    }

    private static boolean both(String a, String b) {
        return a != null && b != null && !a.isEmpty() && !b.isEmpty();
    }

    private static int exact(String a, String b) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        return a.equals(b) ? 1 : 2;
    }

    public static int pack(int[] levels) {
        int p = 0;
        for (int i = 0; i < levels.length; i++) {
            p |= levels[i] << (BITS * i);
        }
        return p;
    }

    /** The pattern with the given fields' levels set to missing (0): they then carry no evidence. */
    public static int mask(int pattern, int... fields) {
        for (int k : fields) {
            pattern &= ~(((1 << BITS) - 1) << (BITS * k));
        }
        return pattern;
    }

    public static int level(int pattern, int field) {
        return (pattern >>> (BITS * field)) & ((1 << BITS) - 1);
    }
}
