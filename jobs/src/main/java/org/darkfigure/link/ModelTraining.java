package org.darkfigure.link;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the linkage model is trained (issue 16), after Splink (Linacre et al. 2022): EM over every candidate pair fits
 * whatever two classes explain the most, and on registers of people who share names that is "same origin" against
 * "different origin", not "same person" (a noisy five-agency population: F1 0.0007). So:
 * <ul>
 *   <li>u, the chance that two different people agree, comes from random pairs of a stratum and is then held fixed;</li>
 *   <li>m, the chance that two records of one person agree, is trained by EM (u fixed) in sessions, each on the
 *       pairs that one blocking rule makes, with the fields that rule makes agree left out: the pairs with the same
 *       date of birth train the name, document, sex, citizenship and detection date; the pairs with the same name
 *       sound whose name few other records share train the date of birth, document, sex and detection date; the pairs
 *       with the same document train the linkage key too.
 *       A field's m is the average over the sessions that trained it, weighted by the matches each session found;</li>
 *   <li>a field no session could train (records without dates of birth and documents, such as offenders) takes
 *       m from EM over all candidate pairs with u held at the random pairs' (issue 16: with u re-estimated too, a
 *       stratum whose candidates were nearly all one person, as the smugglers' are when the name encodings of
 *       different people no longer collide by chance, fitted two identical classes and linked nobody);</li>
 *   <li>then the matches among the random pairs are taken out of u and m is trained again ({@link #train}), and the
 *       matching pairs per record are estimated for the strata's priors ({@link #matchesPerRecord}).</li>
 * </ul>
 * The match prior is then the stratum's own (see {@link StratumLinkage#score}), so a pair is judged against all
 * pairs of its stratum, not against pairs that blocking already made alike.
 */
public final class ModelTraining {

    /**
     * One session: the blocking rule whose pairs it trains on, the compared field that rule makes agree
     * ({@code agrees}, for {@link #matchesPerRecord}) and the fields left out of its training ({@code masked});
     * whether only pairs whose name few other records share take part ({@code rareNames}), whether it trains m
     * ({@code trainsM}) and whether its matches count for the prior ({@code countsMatches}).
     */
    public record Session(String name, int rule, int agrees, int[] masked, boolean rareNames, boolean trainsM,
                          boolean countsMatches) {
    }

    /** A name is rare in its stratum, for training, if at most this many other records agree with it at its level. */
    static final int RARE_NAME = 30;

    public static final List<Session> SESSIONS = List.of(
            new Session("same date of birth", Blocking.RULES.indexOf("lk_dob_hash"), Comparison.index("date_of_birth"),
                    fields("linkage_key", "date_of_birth"), false, true, true),
            // citizenship too: people who share a name mostly share an origin, so among these pairs it is not the
            // chance agreement that random pairs show (left in, EM counts namesakes of one origin as matches).
            // m is trained on the pairs whose name is rare: among all pairs of one sound, namesakes born decades apart
            // taught EM that a different date says little (historical_figures_50k: "different" -0.6 bits where the
            // labels say -2.8); all of them still count the matches for the prior, which needs every pair of the rule
            new Session("same name sound", Blocking.RULES.indexOf("lk_name_ph"), Comparison.index("name"),
                    fields("linkage_key", "name", "citizenship"), false, false, true),
            new Session("same name sound, a rare name", Blocking.RULES.indexOf("lk_name_ph"), Comparison.index("name"),
                    fields("linkage_key", "name", "citizenship"), true, true, false),
            new Session("same document", Blocking.RULES.indexOf("lk_doc_hash"), Comparison.index("document"),
                    fields("document"), false, true, true));

    /** A session with fewer pairs than this trains nothing (its m would be noise). */
    static final long MIN_PAIRS = 30;

    private ModelTraining() {
    }

    private static int[] fields(String... names) {
        int[] out = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = Comparison.index(names[i]);
        }
        return out;
    }

    /**
     * For one stratum: the pattern counts of each session's pairs, its fields masked. A session's pairs are the
     * candidates that share its rule's key: they were compared once already (blocking and comparing them again cost
     * the most of any step at 16 million records, where a common date of birth or name sound makes large blocks).
     */
    public static List<Map<Integer, Long>> counts(StratumLinkage.Compared compared) {
        LinkRecord[] records = compared.records();
        long[] candidates = compared.candidates();
        List<Map<Integer, Long>> out = new ArrayList<>();
        for (int s = 0; s < SESSIONS.size(); s++) {
            out.add(new HashMap<>());
        }
        for (int c = 0; c < candidates.length; c++) {
            LinkRecord a = records[(int) (candidates[c] >>> 32)];
            LinkRecord b = records[(int) candidates[c]];
            for (int s = 0; s < SESSIONS.size(); s++) {
                Session session = SESSIONS.get(s);
                if (Blocking.sharesKey(session.rule(), a, b) && (!session.rareNames()
                        || rare(compared, (int) (candidates[c] >>> 32), (int) candidates[c], compared.patterns()[c]))) {
                    out.get(s).merge(Comparison.mask(compared.patterns()[c], session.masked()), 1L, Long::sum);
                }
            }
        }
        return out;
    }

    /**
     * Whether both records' names are rare at the pair's name level ({@link NameNeighbours}; a part of a large
     * stratum is counted once it holds the neighbourhoods summed over the stratum, so parts train as the whole does).
     */
    private static boolean rare(StratumLinkage.Compared compared, int i, int j, int pattern) {
        NameNeighbours neighbours = compared.neighbours();
        if (!neighbours.covers(pattern)) {
            return true;
        }
        int name = Comparison.level(pattern, NAME);
        return neighbours.level(i, name, -1) <= RARE_NAME && neighbours.level(j, name, -1) <= RARE_NAME;
    }

    private static final int NAME = Comparison.index("name");

    /** Sums two strata's session counts. */
    public static List<Map<Integer, Long>> plus(List<Map<Integer, Long>> a, List<Map<Integer, Long>> b) {
        List<Map<Integer, Long>> out = new ArrayList<>();
        for (int i = 0; i < SESSIONS.size(); i++) {
            // sorted: EM sums over it, in the same order however the strata were merged
            Map<Integer, Long> sum = new java.util.TreeMap<>(i < a.size() ? a.get(i) : Map.of());
            if (i < b.size()) {
                b.get(i).forEach((k, v) -> sum.merge(k, v, Long::sum));
            }
            out.add(sum);
        }
        return out;
    }

    /**
     * What training gave: the model, per field the sessions that trained it (empty: EM over all pairs), and the
     * matching pairs per record (NaN when no session could tell).
     */
    public record Trained(FellegiSunter model, List<List<String>> trainedBy, double matchesPerRecord) {
    }

    /**
     * @param sessions   the summed session counts ({@link #counts})
     * @param random     level counts of random pairs, index 0 the pairs missing the field ({@link
     *                   StratumLinkage#randomPairCounts})
     * @param candidates the pattern counts of all candidate pairs (for fields no session trains)
     * @param strata     the records of each stratum (random pairs are drawn in proportion to them)
     */
    public static Trained train(List<Map<Integer, Long>> sessions, double[][] random, Map<Integer, Long> candidates,
                                int[] strata) {
        long records = 0;
        for (int n : strata) {
            records += n;
        }
        double[][] u = StratumLinkage.uFromCounts(random);
        Trained first = pass(sessions, u, candidates, records);
        if (!(first.matchesPerRecord() > 0)) {
            return first;
        }
        // Random pairs are nearly all two people, but not all: where a stratum has many records per person (FEBRL 4:
        // one in 10,000 random pairs is a match) the matches among them make a near-unique field's "same" look 30
        // times commoner among strangers than it is. Take them out (u = (observed - share x m) / (1 - share)), then
        // train again with that u.
        double share = 0;
        for (int n : strata) {
            share += n < 2 ? 0 : (double) n / records * Math.min(1, 2 * first.matchesPerRecord() / (n - 1));
        }
        return pass(sessions, corrected(random, first.model().m(), share, first.trainedBy()), candidates, records);
    }

    /** u without the matches among random pairs (a level keeps at least half a pair's worth). */
    static double[][] corrected(double[][] random, double[][] m, double share, List<List<String>> trainedBy) {
        double[][] u = StratumLinkage.uFromCounts(random);
        for (int k = 0; k < u.length; k++) {
            if (trainedBy.get(k).isEmpty()) {
                continue;
            }
            double compared = 0;
            for (int l = 1; l < random[k].length; l++) {
                compared += random[k][l];
            }
            double floor = 0.5 / Math.max(1, compared);
            double sum = 0;
            for (int l = 1; l < u[k].length; l++) {
                u[k][l] = Math.max(floor, (u[k][l] - share * m[k][l]) / (1 - share));
                sum += u[k][l];
            }
            for (int l = 1; l < u[k].length; l++) {
                u[k][l] /= sum;
            }
        }
        return u;
    }

    private static Trained pass(List<Map<Integer, Long>> sessions, double[][] u, Map<Integer, Long> candidates,
                                long records) {
        int f = Comparison.FIELDS.size();
        double[][] m = new double[f][];
        double[] weight = new double[f];
        List<List<String>> trainedBy = new ArrayList<>();
        for (int k = 0; k < f; k++) {
            m[k] = new double[Comparison.FIELDS.get(k).size()];
            trainedBy.add(new ArrayList<>());
        }
        double[] sessionMatches = new double[SESSIONS.size()];
        // per field, the matches of the sessions that compare it, and those where both records have it
        double[] matchesSeen = new double[f];
        double[] matchesComparing = new double[f];
        for (int s = 0; s < SESSIONS.size(); s++) {
            Map<Integer, Long> counts = sessions.get(s);
            long pairs = counts.values().stream().mapToLong(Long::longValue).sum();
            if (pairs < MIN_PAIRS) {
                continue;
            }
            FellegiSunter fit = FellegiSunter.fit(counts, u, true, 500);
            double matches = fit.lambda() * pairs;
            sessionMatches[s] = SESSIONS.get(s).countsMatches() ? matches : 0;
            if (!SESSIONS.get(s).trainsM()) {
                continue;
            }
            for (Map.Entry<Integer, Long> e : counts.entrySet()) {
                double posterior = fit.posterior(e.getKey()) * e.getValue();
                for (int k = 0; k < f; k++) {
                    if (!contains(SESSIONS.get(s).masked(), k)) {
                        matchesSeen[k] += posterior;
                        matchesComparing[k] += Comparison.level(e.getKey(), k) > 0 ? posterior : 0;
                    }
                }
            }
            for (int k = 0; k < f; k++) {
                if (contains(SESSIONS.get(s).masked(), k) || !compared(counts, k)) {
                    continue;
                }
                for (int l = 1; l < m[k].length; l++) {
                    m[k][l] += matches * fit.m()[k][l];
                }
                weight[k] += matches;
                trainedBy.get(k).add(SESSIONS.get(s).name());
            }
        }
        double[][] uOut = new double[f][];
        FellegiSunter fallback = null;
        for (int k = 0; k < f; k++) {
            uOut[k] = u[k].clone();
            if (weight[k] > 0) {
                for (int l = 1; l < m[k].length; l++) {
                    m[k][l] /= weight[k];
                }
                continue;
            }
            if (fallback == null) {
                fallback = FellegiSunter.fit(candidates, u, true, 500);
            }
            m[k] = fallback.m()[k].clone();
            uOut[k] = fallback.u()[k].clone();
        }
        long total = candidates.values().stream().mapToLong(Long::longValue).sum();
        double lambda = fallback != null ? fallback.lambda() : Math.min(0.5, Math.max(1e-6, 1.0 / Math.max(2, total)));
        double[] comparedAmongMatches = new double[f];
        for (int k = 0; k < f; k++) {
            comparedAmongMatches[k] = matchesSeen[k] > 0 ? matchesComparing[k] / matchesSeen[k] : Double.NaN;
        }
        return new Trained(new FellegiSunter(lambda, m, uOut, 0), trainedBy,
                matchesPerRecord(sessionMatches, m, weight, comparedAmongMatches, records));
    }

    /**
     * All matching pairs, estimated from each session as a capture-recapture identity: a session's rule finds the
     * matches that agree on its field, so matches = the session's matches / P(a match agrees there), where that
     * probability is the share of matches that compare the field times m of the agreeing levels, both from the other
     * sessions (whether a field is recorded runs in people: someone without a document has none in any record, so
     * random pairs would say too little). Sessions are weighted by the matches they found; per record, so that each
     * stratum's prior follows its size.
     */
    static double matchesPerRecord(double[] sessionMatches, double[][] m, double[] trained,
                                   double[] comparedAmongMatches, long records) {
        double sum = 0;
        double weights = 0;
        for (int s = 0; s < SESSIONS.size(); s++) {
            int field = SESSIONS.get(s).agrees();
            if (sessionMatches[s] <= 0 || trained[field] <= 0) {
                continue;
            }
            double compared = comparedAmongMatches[field];
            if (!(compared > 0)) {
                continue;
            }
            // the levels the rule's agreement falls in: the same date; the same sound (names nearly equal or sounding
            // the same); the same document
            double agree = field == Comparison.index("name") ? m[field][1] + m[field][2] : m[field][1];
            double recall = compared * agree;
            if (recall < 0.01) {
                continue; // too few matches can agree there for the identity to hold
            }
            sum += sessionMatches[s] * (sessionMatches[s] / recall);
            weights += sessionMatches[s];
        }
        return weights == 0 || records == 0 ? Double.NaN : sum / weights / records;
    }

    private static boolean compared(Map<Integer, Long> counts, int field) {
        for (Map.Entry<Integer, Long> e : counts.entrySet()) {
            if (Comparison.level(e.getKey(), field) > 0 && e.getValue() > 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
