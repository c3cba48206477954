package org.darkfigure.link.spark;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.darkfigure.link.LinkageCeiling;
import org.darkfigure.pseudonymise.BirthDate;
import org.darkfigure.pseudonymise.NameNormaliser;

/**
 * How well any linkage of a set could do from its fields read in clear (issue 16): the best pairwise F1 of a classifier
 * that sees the clear values and knows the truth ({@link LinkageCeiling#overAll}, the same optimistic cut). Where the
 * pseudonymised comparisons' ceiling ({@link LinkageCeiling}) says what our levels leave out, this one says what the
 * fields themselves leave out: a goal above it cannot be reached by any comparison of those fields, pseudonymised or
 * not, and needs other fields.
 *
 * <p>Each pair is described more finely than linkage compares it: the names as the same words, the same sound, how many
 * word sounds they share and their bigrams' Dice coefficient in six bins, how common the name's sound is; the dates of
 * birth by every relation a clerk's error leaves (the same date, day and month swapped, the same day and month some
 * years apart, the same year and month or day, the years' distance) and how precisely each side knows its date
 * ({@link BirthDate}, as the pipeline reads it: placeholders are known to the year); document, sex, citizenship, source
 * and detection date as linkage compares them. Pure: the records in memory, no Spark.
 */
public final class ClearCeiling {

    /** Up to this many pairs every pair is described; above, the true pairs and {@link #SAMPLE} random others. */
    private static final long ALL_PAIRS = 30_000_000L;
    private static final int SAMPLE = 20_000_000;

    private ClearCeiling() {
    }

    /** The best pairwise F1 of any classifier of the clear fields, over all pairs of the records. */
    public static LinkageCeiling.Ceiling of(List<ClearEvaluation.Clear> records, long seed) {
        return of(records, seed, ALL_PAIRS, SAMPLE);
    }

    /** As {@link #of(List, long)}, every pair described up to {@code allPairs} pairs, else {@code sample} drawn. */
    static LinkageCeiling.Ceiling of(List<ClearEvaluation.Clear> records, long seed, long allPairs, int sample) {
        Described[] d = describe(records);
        String[] truth = records.stream().map(ClearEvaluation.Clear::truth).toArray(String[]::new);
        LinkageCeiling.PairKey key = (i, j) -> key(d[i], d[j]);
        return (long) d.length * (d.length - 1) / 2 <= allPairs ? LinkageCeiling.overEvery(truth, key)
                : LinkageCeiling.overAll(truth, key, sample, seed);
    }

    /** A record's clear values as the pair description reads them. */
    private record Described(String name, String sound, int[] wordSounds, Set<String> bigrams,
                             int soundCount, BirthDate birth, String document, String sex, String citizenship,
                             String source, long detected) {
    }

    private static Described[] describe(List<ClearEvaluation.Clear> records) {
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Integer> sounds = new HashMap<>();
        List<String> soundOf = new ArrayList<>();
        for (ClearEvaluation.Clear c : records) {
            String sound = NameNormaliser.tokens(c.given(), c.family()).isEmpty() ? null
                    : NameNormaliser.phoneticKey(c.given(), c.family());
            soundOf.add(sound);
            if (sound != null) {
                sounds.merge(sound, 1, Integer::sum);
            }
        }
        Described[] out = new Described[records.size()];
        for (int i = 0; i < out.length; i++) {
            ClearEvaluation.Clear c = records.get(i);
            List<String> tokens = NameNormaliser.tokens(c.given(), c.family());
            Set<String> bigrams = bigrams(tokens);
            int[] words = tokens.stream().mapToInt(t -> ids.computeIfAbsent(NameNormaliser.phoneticKey(t), k -> ids.size()))
                    .distinct().toArray();
            String sound = soundOf.get(i);
            out[i] = new Described(tokens.isEmpty() ? null : String.join(" ", tokens.stream().sorted().toList()),
                    sound, words, bigrams, sound == null ? 0 : sounds.get(sound), BirthDate.parse(c.dob()),
                    blankToNull(c.document() == null ? null : c.document().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9|]", "")),
                    blankToNull(c.sex() == null || c.sex().equals("UNK") ? null : c.sex()),
                    blankToNull(c.citizenship() == null || c.citizenship().equals("UNK") ? null : c.citizenship()),
                    blankToNull(c.source()), day(c.detected()));
        }
        return out;
    }

    /** The pair's description, packed. */
    static long key(Described a, Described b) {
        long k = name(a, b);
        k = k * 5 + commonness(Math.max(a.soundCount, b.soundCount));
        k = k * 16 + date(a.birth, b.birth);
        k = k * 6 + precisions(a.birth, b.birth);
        k = k * 4 + document(a.document, b.document);
        k = k * 3 + exact(a.sex, b.sex);
        k = k * 3 + exact(a.citizenship, b.citizenship);
        k = k * 3 + exact(a.source, b.source);
        return k * 4 + (a.detected < 0 || b.detected < 0 ? 0 : Math.abs(a.detected - b.detected) <= 7 ? 1
                : Math.abs(a.detected - b.detected) <= 60 ? 2 : 3);
    }

    /** Missing 0, the same words 1, the same sound 2, else by word sounds shared (none, some, all of the fewer) and Dice. */
    private static int name(Described a, Described b) {
        if (a.name == null || b.name == null) {
            return 0;
        }
        if (a.name.equals(b.name)) {
            return 1;
        }
        if (a.sound.equals(b.sound)) {
            return 2;
        }
        int shared = 0;
        for (int x : a.wordSounds) {
            for (int y : b.wordSounds) {
                shared += x == y ? 1 : 0;
            }
        }
        int words = shared == 0 ? 0 : shared >= Math.min(a.wordSounds.length, b.wordSounds.length) ? 2 : 1;
        double dice = dice(a.bigrams, b.bigrams);
        int bin = dice >= 0.9 ? 0 : dice >= 0.75 ? 1 : dice >= 0.6 ? 2 : dice >= 0.45 ? 3 : dice >= 0.3 ? 4 : 5;
        return 3 + words * 6 + bin;
    }

    private static int commonness(int records) {
        return records <= 1 ? 0 : records <= 3 ? 1 : records <= 10 ? 2 : records <= 30 ? 3 : 4;
    }

    /** The dates' relation: missing 0; for two full dates the clerk's errors 1-6; by the years' distance 7-11. */
    private static int date(BirthDate a, BirthDate b) {
        if (a == null || b == null) {
            return 0;
        }
        int years = Math.abs(a.year() - b.year());
        if (a.precision() == BirthDate.Precision.DAY && b.precision() == BirthDate.Precision.DAY) {
            if (years == 0 && a.month() == b.month() && a.day() == b.day()) {
                return 1;
            }
            if (years == 0 && a.month() == b.day() && a.day() == b.month()) {
                return 2;
            }
            if (a.month() == b.month() && a.day() == b.day()) {
                return years == 1 ? 3 : 4;
            }
            if (years == 0 && a.month() == b.month()) {
                return 5;
            }
            if (years == 0 && a.day() == b.day()) {
                return 6;
            }
        } else if (years == 0 && a.precision() != BirthDate.Precision.YEAR && b.precision() != BirthDate.Precision.YEAR
                && a.month() == b.month()) {
            return 5;
        }
        return years == 0 ? 7 : years == 1 ? 8 : years <= 3 ? 9 : years <= 10 ? 10 : 11;
    }

    /** How precisely the two sides know their dates, order-free (day, month, year; pairs of them). */
    private static int precisions(BirthDate a, BirthDate b) {
        if (a == null || b == null) {
            return 0;
        }
        int x = Math.min(a.precision().ordinal(), b.precision().ordinal());
        int y = Math.max(a.precision().ordinal(), b.precision().ordinal());
        return x == 0 ? y : x == 1 ? 2 + y : 5;
    }

    /** Missing 0, the same 1, one or two characters apart 2 (bigram Dice at least 0.6, as linkage's "similar"), else 3. */
    private static int document(String a, String b) {
        if (a == null || b == null) {
            return 0;
        }
        if (a.equals(b)) {
            return 1;
        }
        Set<String> x = bigrams(List.of(a));
        Set<String> y = bigrams(List.of(b));
        return dice(x, y) >= 0.6 ? 2 : 3;
    }

    private static Set<String> bigrams(List<String> words) {
        Set<String> bigrams = new HashSet<>();
        for (String t : words) {
            String padded = " " + t + " ";
            for (int k = 0; k + 2 <= padded.length(); k++) {
                bigrams.add(padded.substring(k, k + 2));
            }
        }
        return bigrams;
    }

    private static double dice(Set<String> a, Set<String> b) {
        int common = 0;
        for (String g : a) {
            common += b.contains(g) ? 1 : 0;
        }
        return 2.0 * common / (a.size() + b.size());
    }

    private static int exact(String a, String b) {
        return a == null || b == null ? 0 : a.equals(b) ? 1 : 2;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static long day(String date) {
        if (date == null || date.isBlank()) {
            return -1;
        }
        try {
            return LocalDate.parse(date.trim()).toEpochDay();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
