package org.darkfigure.link.attack;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.darkfigure.pseudonymise.BirthDate;
import org.darkfigure.pseudonymise.BloomEncoding;
import org.darkfigure.pseudonymise.NameNormaliser;
import org.darkfigure.pseudonymise.Pseudonymiser;

/**
 * The known-plaintext attack of issue 16, without the secret: an insider holds some records both in clear and
 * pseudonymised (made with the same member state's secret) and reads the rest.
 * <ul>
 *   <li>Dates of birth: every keyed value a known record carries (each part of {@code lk_dob_hash} and of
 *       {@code lk_dob_var}) is a dictionary entry. A target whose full-date hash is in it is decoded; so is one whose
 *       month-and-day part is (the variant, or a near part of {@code lk_dob_hash}), with the year from the clear
 *       {@code birth_year}; or whose year-and-month and year-and-day parts both are.</li>
 *   <li>Names: each bigram's bit positions in {@code lk_name_bf} are learnt as the positions set in every known
 *       record whose name has the bigram (Kroll and Steinmetzer 2015; Christen et al. 2018); a target's encoding is
 *       then matched against every name of a dictionary (here, generously, every name of the population), scoring the
 *       learnt positions each name predicts that the target has, less those it predicts and lacks, less the target's
 *       learnt positions it leaves unexplained. The best name is the attacker's reading. A target whose
 *       {@code lk_name_ph} is a known record's narrows the dictionary to the names of that sound.</li>
 *   <li>Names, statistically: the first reading needs positions that a bigram always sets, which a hardened encoding
 *       need not have. The second learns, for every bigram and published bit, how much more often the bit is set in
 *       known records whose name has the bigram than in the others (a log-likelihood ratio, with a pseudo-count), and
 *       scores each dictionary name by the sum of its bigrams' ratios over the target's bits (naive Bayes).</li>
 *   <li>Names, by linkage: a target whose name encoding is a known record's is read as that record's name. The same
 *       name has the same encoding, and must, since linkage links it; so no linkable pseudonym can stop this reading of
 *       a stranger who has a known record's name, a namesake ({@code namesakes} counts them from the clear values: the
 *       floor of what any linkable encoding gives away). The combined reading takes it where there is one and the
 *       statistical reading elsewhere, as an attacker holding both would.</li>
 * </ul>
 * The reading that recovers most is the attack's result (an attacker can tell which works from the known records). A
 * decoded value counts as recovered only if it is right.
 */
public final class KnownPlaintextAttack {

    /** One record as the attacker may see it: its clear values (known records only) and its encodings. */
    public record Record(String given, String family, String dateOfBirth, Map<String, String> encoded) {

        String name() {
            return nameOf(this);
        }
    }

    /** A record's name as the dictionary holds names: normalised words, sorted. */
    public static String nameOf(Record r) {
        return String.join(" ", NameNormaliser.tokens(r.given(), r.family()).stream().sorted().toList());
    }

    /**
     * How much the attack recovered of the targets that have the value; names by the positions' reading
     * ({@code namesRecovered}) and by the statistical one ({@code namesRecoveredStatistically}).
     */
    public record Outcome(int targets, int datesOfBirth, int datesRecovered, int names, int namesRecovered,
                          int namesRecoveredStatistically, int namesakes, int namesRecoveredByLinkage,
                          int namesRecoveredCombined) {

        public double dateShare() {
            return datesOfBirth == 0 ? 0 : (double) datesRecovered / datesOfBirth;
        }

        /** The share of names the best reading recovered. */
        public double nameShare() {
            return names == 0 ? 0 : (double) Math.max(Math.max(namesRecovered, namesRecoveredStatistically),
                    Math.max(namesRecoveredByLinkage, namesRecoveredCombined)) / names;
        }

        /** The share of names a known record also has: what any encoding that links equal names gives away. */
        public double namesakeShare() {
            return names == 0 ? 0 : (double) namesakes / names;
        }
    }

    private KnownPlaintextAttack() {
    }

    /**
     * @param known      records the attacker knows in clear
     * @param targets    the others (their clear values are used only to score the attack)
     * @param dictionary candidate names (normalised, order-free as {@link Record#name()})
     */
    public static Outcome run(List<Record> known, List<Record> targets, Set<String> dictionary) {
        Map<String, String> dateOf = new HashMap<>(); // keyed value -> what it stands for
        for (Record r : known) {
            BirthDate d = BirthDate.parse(r.dateOfBirth());
            if (d == null || d.precision() != BirthDate.Precision.DAY) {
                continue;
            }
            String dobHash = r.encoded().get("lk_dob_hash");
            for (String part : Pseudonymiser.dateParts(dobHash, false)) {
                put(dateOf, part, "full|" + d.date());
            }
            for (String part : Pseudonymiser.dateParts(dobHash, true)) {
                put(dateOf, part, "md|" + d.month() + "|" + d.day());
            }
            String[] parts = parts(r.encoded().get("lk_dob_var"));
            put(dateOf, parts[1], "md|" + d.month() + "|" + d.day());
            put(dateOf, parts[2], "ym|" + d.year() + "|" + d.month());
            put(dateOf, parts[3], "yd|" + d.year() + "|" + d.day());
        }
        Bigrams learnt = Bigrams.learn(known);
        Correlations correlations = Correlations.learn(known);
        Map<String, Set<String>> namesOfSound = new HashMap<>();
        for (Record r : known) {
            String sound = r.encoded().get("lk_name_ph");
            if (sound != null && !sound.isEmpty()) {
                namesOfSound.computeIfAbsent(sound, k -> new HashSet<>()).add(NameNormaliser.phoneticKey(r.given(), r.family()));
            }
        }
        Set<String> knownNames = new HashSet<>();
        Map<String, String> nameOfEncoding = new HashMap<>();
        for (Record r : known) {
            knownNames.add(r.name());
            String bf = r.encoded().get("lk_name_bf");
            if (bf != null && !bf.isEmpty() && !r.name().isEmpty()) {
                nameOfEncoding.put(bf, r.name());
            }
        }
        List<String> names = new ArrayList<>(dictionary);
        names.sort(null);
        int dates = 0;
        int datesRecovered = 0;
        int withName = 0;
        int namesRecovered = 0;
        int namesRecoveredStatistically = 0;
        int namesakes = 0;
        int byLinkage = 0;
        int combined = 0;
        for (Record t : targets) {
            BirthDate truth = BirthDate.parse(t.dateOfBirth());
            if (truth != null && truth.precision() == BirthDate.Precision.DAY) {
                dates++;
                String guess = date(t, dateOf);
                datesRecovered += truth.date().toString().equals(guess) ? 1 : 0;
            }
            String bf = t.encoded().get("lk_name_bf");
            if (bf != null && !bf.isEmpty() && !t.name().isEmpty()) {
                withName++;
                Set<String> sounds = namesOfSound.get(t.encoded().get("lk_name_ph"));
                BitSet bits = BloomEncoding.decode(bf);
                namesRecovered += t.name().equals(learnt.read(bits, names, sounds)) ? 1 : 0;
                String statistical = correlations.read(bits, names, sounds);
                namesRecoveredStatistically += t.name().equals(statistical) ? 1 : 0;
                namesakes += knownNames.contains(t.name()) ? 1 : 0;
                String linked = nameOfEncoding.get(bf);
                byLinkage += t.name().equals(linked) ? 1 : 0;
                combined += t.name().equals(linked != null ? linked : statistical) ? 1 : 0;
            }
        }
        return new Outcome(targets.size(), dates, datesRecovered, withName, namesRecovered, namesRecoveredStatistically,
                namesakes, byLinkage, combined);
    }

    private static void put(Map<String, String> dictionary, String keyed, String meaning) {
        if (keyed != null && !keyed.isEmpty()) {
            dictionary.put(keyed, meaning);
        }
    }

    /** The parts of an lk_dob_var value as linkage reads them, none missing from the array. */
    private static String[] parts(String variants) {
        String[] parts = org.darkfigure.link.LinkRecord.variants(variants);
        return parts == null ? new String[4] : parts;
    }

    /** The attacker's reading of a target's date of birth, or null. */
    private static String date(Record t, Map<String, String> dateOf) {
        String dobHash = t.encoded().get("lk_dob_hash");
        for (String part : Pseudonymiser.dateParts(dobHash, false)) {
            String full = dateOf.get(part);
            if (full != null && full.startsWith("full|")) {
                return full.substring(5);
            }
        }
        String[] parts = parts(t.encoded().get("lk_dob_var"));
        String year = t.encoded().get("birth_year");
        String md = parts[1] == null ? null : dateOf.get(parts[1]);
        for (String part : Pseudonymiser.dateParts(dobHash, true)) {
            md = md == null ? dateOf.get(part) : md;
        }
        if (md != null && year != null && !year.isEmpty()) {
            String[] f = md.split("\\|");
            return iso(Integer.parseInt(year), Integer.parseInt(f[1]), Integer.parseInt(f[2]));
        }
        String ym = parts[2] == null ? null : dateOf.get(parts[2]);
        String yd = parts[3] == null ? null : dateOf.get(parts[3]);
        if (ym != null && yd != null) {
            String[] a = ym.split("\\|");
            String[] b = yd.split("\\|");
            return iso(Integer.parseInt(a[1]), Integer.parseInt(a[2]), Integer.parseInt(b[2]));
        }
        return null;
    }

    private static String iso(int year, int month, int day) {
        try {
            return java.time.LocalDate.of(year, month, day).toString();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** Per bigram and published bit, the log-likelihood ratio of the bit's value with and without the bigram. */
    static final class Correlations {
        private final Map<String, Integer> index;
        private final double[] base; // per bigram: sum over bits of the ratio for "bit not set"
        private final double[][] set; // per bigram and bit: ratio for "set" less ratio for "not set"

        private final Map<String, int[]> gramsOf = new HashMap<>(); // dictionary name -> its known bigrams' indices
        private final Map<String, String> soundOf = new HashMap<>();

        private Correlations(Map<String, Integer> index, double[] base, double[][] set) {
            this.index = index;
            this.base = base;
            this.set = set;
        }

        static Correlations learn(List<Record> known) {
            Map<String, Integer> index = new HashMap<>();
            List<int[]> with = new ArrayList<>(); // per bigram: records with it that set each bit
            List<Integer> records = new ArrayList<>();
            int[] all = new int[BloomEncoding.LENGTH];
            int n = 0;
            for (Record r : known) {
                BitSet bits = BloomEncoding.decode(r.encoded().get("lk_name_bf"));
                if (bits.isEmpty()) {
                    continue;
                }
                n++;
                bits.stream().forEach(j -> all[j]++);
                for (String gram : Bigrams.grams(r.name())) {
                    int g = index.computeIfAbsent(gram, k -> {
                        with.add(new int[BloomEncoding.LENGTH]);
                        records.add(0);
                        return with.size() - 1;
                    });
                    records.set(g, records.get(g) + 1);
                    int[] counts = with.get(g);
                    bits.stream().forEach(j -> counts[j]++);
                }
            }
            double[] base = new double[with.size()];
            double[][] set = new double[with.size()][BloomEncoding.LENGTH];
            for (int g = 0; g < with.size(); g++) {
                int in = records.get(g);
                for (int j = 0; j < BloomEncoding.LENGTH; j++) {
                    double a = (with.get(g)[j] + 1.0) / (in + 2.0);
                    double b = (all[j] - with.get(g)[j] + 1.0) / (n - in + 2.0);
                    double off = Math.log((1 - a) / (1 - b));
                    base[g] += off;
                    set[g][j] = Math.log(a / b) - off;
                }
            }
            return new Correlations(index, base, set);
        }

        /** The dictionary name (among {@code sounds}' names if given) whose bigrams' ratios sum highest. */
        String read(BitSet target, List<String> dictionary, Set<String> sounds) {
            double[] score = new double[base.length];
            for (int g = 0; g < base.length; g++) {
                double s = base[g];
                double[] d = set[g];
                for (int j = target.nextSetBit(0); j >= 0; j = target.nextSetBit(j + 1)) {
                    s += d[j];
                }
                score[g] = s;
            }
            String best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (String name : dictionary) {
                if (sounds != null && !sounds.contains(soundOf.computeIfAbsent(name, NameNormaliser::phoneticKey))) {
                    continue;
                }
                int[] grams = gramsOf.computeIfAbsent(name, n -> Bigrams.grams(n).stream().map(index::get)
                        .filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).toArray());
                double s = 0;
                for (int i : grams) {
                    s += score[i];
                }
                if (grams.length > 0 && s > bestScore) {
                    bestScore = s;
                    best = name;
                }
            }
            return best;
        }
    }

    /** Bit positions learnt per bigram, and the reading of an encoding against a dictionary. */
    static final class Bigrams {
        private final Map<String, BitSet> positions;
        private final BitSet learnt;

        private Bigrams(Map<String, BitSet> positions) {
            this.positions = positions;
            learnt = new BitSet();
            positions.values().forEach(learnt::or);
        }

        static Bigrams learn(List<Record> known) {
            Map<String, BitSet> always = new HashMap<>();
            for (Record r : known) {
                String bf = r.encoded().get("lk_name_bf");
                if (bf == null || bf.isEmpty()) {
                    continue;
                }
                BitSet bits = BloomEncoding.decode(bf);
                for (String gram : grams(r.name())) {
                    BitSet seen = always.get(gram);
                    if (seen == null) {
                        always.put(gram, (BitSet) bits.clone());
                    } else {
                        seen.and(bits);
                    }
                }
            }
            return new Bigrams(always);
        }

        /** The dictionary name whose learnt positions fit the encoding best (among {@code sounds}' names if given). */
        String read(BitSet target, List<String> dictionary, Set<String> sounds) {
            BitSet explained = (BitSet) target.clone();
            explained.and(learnt);
            String best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (String name : dictionary) {
                if (sounds != null && !sounds.contains(NameNormaliser.phoneticKey(name))) {
                    continue;
                }
                BitSet predicted = new BitSet();
                for (String g : grams(name)) {
                    BitSet p = positions.get(g);
                    if (p != null) {
                        predicted.or(p);
                    }
                }
                if (predicted.isEmpty()) {
                    continue;
                }
                BitSet hit = (BitSet) predicted.clone();
                hit.and(target);
                BitSet unexplained = (BitSet) explained.clone();
                unexplained.andNot(predicted);
                double score = hit.cardinality() - 2.0 * (predicted.cardinality() - hit.cardinality())
                        - 0.5 * unexplained.cardinality();
                if (score > bestScore) {
                    bestScore = score;
                    best = name;
                }
            }
            return best;
        }

        /** The bigrams the encoding hashes: each word padded with a space on both sides. */
        static Set<String> grams(String name) {
            Set<String> out = new HashSet<>();
            for (String token : name.split(" ")) {
                if (token.isEmpty()) {
                    continue;
                }
                String padded = " " + token + " ";
                for (int i = 0; i + 2 <= padded.length(); i++) {
                    out.add(padded.substring(i, i + 2));
                }
            }
            return out;
        }
    }
}
