package org.darkfigure.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What a pipeline run is given, typed, with every default, range and check in this one place: the API checks
 * a request with it, writes it into the run manifest ({@link #asManifest}), and the job and a reproduction
 * read it back with it ({@link #fromManifest}), so no side parses a parameter on its own. A typo never runs
 * with a default: an unknown name is an error, in a request and in a manifest.
 *
 * @param linkThreshold     empty: the linkage chooses (0.5)
 * @param maxCandidatePairs empty: 200 per record, at least 50 million
 * @param splitAbove        empty: strata of more than 4 million records are linked in parts
 * @param bayes             the Bayesian comparison candidates of each stratum: "dga", "lcmcr", "dga,lcmcr" or
 *                          "none" (a manifest written before this parameter existed means "none", so that its
 *                          release reproduces)
 */
public record RunParameters(long seed, double level, Criterion criterion, int maxOrder, OptionalDouble linkThreshold,
                            OptionalLong maxCandidatePairs, int k, int smallCell, String bayes, String estimator,
                            String years, OptionalLong splitAbove) {

    public static final long DEFAULT_SEED = 20261128L;
    public static final double DEFAULT_LEVEL = 0.95;
    public static final Criterion DEFAULT_CRITERION = Criterion.BIC;
    public static final int DEFAULT_MAX_ORDER = 2;
    public static final int DEFAULT_K = 5;
    public static final int DEFAULT_SMALL_CELL = 5;
    /** dga only: LCMCR's sampling costs about 0.1 s a stratum even cut down. */
    public static final String DEFAULT_BAYES = "dga";

    /** The published default rule of the simulation study (issue 15); "select" is the rule before it. */
    public static final String DEFAULT_ESTIMATOR = "all-two-way";
    public static final List<String> ESTIMATORS = List.of("all-two-way", "select", "average");
    /** Each year estimated on its own, or a country's years together (year as a stratifying covariate). */
    public static final String DEFAULT_YEARS = "separate";
    public static final List<String> YEARS = List.of("separate", "together");

    /** The information criterion of the model search. */
    public enum Criterion {
        AIC, BIC
    }

    /** The parameters that take one of a few values: name -> the values (for the runs page's form). */
    public static final Map<String, List<String>> CHOICES = Map.of(
            "criterion", List.of("AIC", "BIC"),
            "bayes", List.of("dga", "lcmcr", "dga,lcmcr", "none"),
            "estimator", ESTIMATORS,
            "years", YEARS);

    /** Name -> what it means, for help texts, the API catalogue and error messages. */
    public static final Map<String, String> KNOWN = known();

    private static Map<String, String> known() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("seed", "integer; fixes the linkage's LSH bit positions and random pairs (default " + DEFAULT_SEED + ")");
        m.put("level", "confidence level of the intervals, between 0 and 1 (default " + DEFAULT_LEVEL + ")");
        m.put("criterion", "model selection criterion, AIC or BIC (default " + DEFAULT_CRITERION + ")");
        m.put("maxOrder", "highest interaction order of the log-linear models, 1 to 10 (default " + DEFAULT_MAX_ORDER + ")");
        m.put("linkThreshold", "match probability from which pairs are linked, between 0 and 1 (default 0.5)");
        m.put("maxCandidatePairs", "cap on a blocking rule's candidate pairs, a positive integer "
                + "(default: 200 per record, at least 50 million)");
        m.put("splitAbove", "strata (country-years) of more records than this are linked in parts that an executor "
                + "holds one at a time: the same persons, at several times the cost; an integer of at least 2 "
                + "(default 4000000)");
        m.put("k", "k-anonymity of the researcher microdata: every combination of quasi-identifiers shared by at "
                + "least k records, an integer from 2 to 100 (default " + DEFAULT_K + ")");
        m.put("smallCell", "threshold rule of the published tables: observed counts from 1 to smallCell - 1 are "
                + "suppressed, with secondary suppression; an integer from 2 to 100 (default: the server's "
                + "DARKFIGURE_SMALL_CELL, " + DEFAULT_SMALL_CELL + ")");
        m.put("bayes", "Bayesian comparison candidates of each stratum: dga, lcmcr, dga,lcmcr or none (default "
                + DEFAULT_BAYES + "; lcmcr's sampling costs about 0.1 s a stratum)");
        m.put("estimator", "rule for 3+ lists: all-two-way (the all-two-way log-linear model, else the searched models "
                + "averaged: the default chosen by the simulation study), select (the search's best model, the rule "
                + "before it) or average (the searched models averaged) (default " + DEFAULT_ESTIMATOR + ")");
        m.put("years", "separate (each year on its own) or together (a country's years in one model, year as a "
                + "stratifying covariate, pairwise dependence shared; strata that cannot be pooled stay separate) "
                + "(default " + DEFAULT_YEARS + ")");
        return Collections.unmodifiableMap(m);
    }

    public RunParameters {
        if (!(level > 0 && level < 1) || maxOrder < 1 || maxOrder > 10 || k < 2 || k > 100 || smallCell < 2
                || smallCell > 100 || criterion == null || bayes == null || !ESTIMATORS.contains(estimator)
                || !YEARS.contains(years)) {
            throw new IllegalArgumentException("run parameters out of range; use RunParameters.parse");
        }
    }

    public static RunParameters defaults() {
        return parse(Map.of());
    }

    /** A request's parameters (seed included); the exception lists every problem at once. */
    public static RunParameters parse(Map<String, String> given) {
        return parse(given, null);
    }

    /** A manifest's parameters (the seed is its own field there); an unknown name is an error. */
    public static RunParameters fromManifest(long seed, Map<String, String> recorded) {
        return parse(recorded, seed);
    }

    private static RunParameters parse(Map<String, String> given, Long recordedSeed) {
        List<String> problems = new ArrayList<>();
        long seed = recordedSeed == null ? DEFAULT_SEED : recordedSeed;
        double level = DEFAULT_LEVEL;
        Criterion criterion = DEFAULT_CRITERION;
        int maxOrder = DEFAULT_MAX_ORDER;
        OptionalDouble linkThreshold = OptionalDouble.empty();
        OptionalLong maxCandidatePairs = OptionalLong.empty();
        OptionalLong splitAbove = OptionalLong.empty();
        int k = DEFAULT_K;
        int smallCell = DEFAULT_SMALL_CELL;
        String bayes = recordedSeed == null ? DEFAULT_BAYES : "none";
        // a manifest without them was made before they existed: the rule then selected, years were separate
        String estimator = recordedSeed == null ? DEFAULT_ESTIMATOR : "select";
        String years = DEFAULT_YEARS;
        for (Map.Entry<String, String> e : new TreeMap<>(given).entrySet()) {
            String name = e.getKey();
            String v = e.getValue() == null ? "" : e.getValue().strip();
            try {
                switch (name) {
                    case "seed" -> {
                        if (recordedSeed != null) {
                            throw new IllegalArgumentException("the seed is the manifest's own field, not a parameter");
                        }
                        seed = Long.parseLong(v);
                    }
                    case "level" -> level = between(v, 0, 1);
                    case "linkThreshold" -> linkThreshold = OptionalDouble.of(between(v, 0, 1));
                    case "criterion" -> {
                        try {
                            criterion = Criterion.valueOf(v.toUpperCase(Locale.ROOT));
                        } catch (IllegalArgumentException bad) {
                            throw new IllegalArgumentException("expected AIC or BIC");
                        }
                    }
                    case "maxOrder" -> maxOrder = integer(v, 1, 10);
                    case "k" -> k = integer(v, 2, 100);
                    case "smallCell" -> smallCell = integer(v, 2, 100);
                    case "bayes" -> bayes = methods(v);
                    case "estimator" -> estimator = oneOf(v, ESTIMATORS);
                    case "years" -> years = oneOf(v, YEARS);
                    case "maxCandidatePairs" -> {
                        long cap = Long.parseLong(v);
                        if (cap <= 0) {
                            throw new IllegalArgumentException("expected a positive integer");
                        }
                        maxCandidatePairs = OptionalLong.of(cap);
                    }
                    case "splitAbove" -> {
                        long size = Long.parseLong(v);
                        if (size < 2 || size > Integer.MAX_VALUE) {
                            throw new IllegalArgumentException("expected an integer from 2 to " + Integer.MAX_VALUE);
                        }
                        splitAbove = OptionalLong.of(size);
                    }
                    default -> problems.add("unknown parameter '" + name + "' (known: " + String.join(", ", KNOWN.keySet()) + ")");
                }
            } catch (IllegalArgumentException bad) {
                String why = bad instanceof NumberFormatException ? "not a number" : bad.getMessage();
                problems.add(name + "=" + v + ": " + why + "; " + name + " is " + KNOWN.get(name));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRunParametersException(problems);
        }
        return new RunParameters(seed, level, criterion, maxOrder, linkThreshold, maxCandidatePairs, k, smallCell, bayes,
                estimator, years, splitAbove);
    }

    /**
     * The parameters as the manifests record them (all but the seed, every default written out, sorted by
     * name); {@link #fromManifest} reads them back to an equal value.
     */
    public Map<String, String> asManifest() {
        Map<String, String> m = new TreeMap<>();
        m.put("level", Double.toString(level));
        m.put("criterion", criterion.name());
        m.put("maxOrder", Integer.toString(maxOrder));
        linkThreshold.ifPresent(t -> m.put("linkThreshold", Double.toString(t)));
        maxCandidatePairs.ifPresent(c -> m.put("maxCandidatePairs", Long.toString(c)));
        splitAbove.ifPresent(c -> m.put("splitAbove", Long.toString(c)));
        m.put("k", Integer.toString(k));
        m.put("smallCell", Integer.toString(smallCell));
        m.put("bayes", bayes);
        m.put("estimator", estimator);
        m.put("years", years);
        return Collections.unmodifiableMap(m);
    }

    private static String oneOf(String v, List<String> allowed) {
        String t = v.toLowerCase(Locale.ROOT);
        if (!allowed.contains(t)) {
            throw new IllegalArgumentException("expected one of " + String.join(", ", allowed));
        }
        return t;
    }

    /** "dga", "lcmcr", "dga,lcmcr" (any case and order, normalised to this order) or "none". */
    private static String methods(String v) {
        String t = v.toLowerCase(Locale.ROOT).replace(" ", "");
        if (t.equals("none")) {
            return t;
        }
        List<String> given = List.of(t.split(",", -1));
        if (given.isEmpty() || !List.of("dga", "lcmcr").containsAll(given)) {
            throw new IllegalArgumentException("expected dga, lcmcr, dga,lcmcr or none");
        }
        return given.contains("dga") ? (given.contains("lcmcr") ? "dga,lcmcr" : "dga") : "lcmcr";
    }

    private static double between(String v, double low, double high) {
        double d = Double.parseDouble(v);
        if (!(d > low && d < high)) {
            throw new IllegalArgumentException("expected a number between " + low + " and " + high + " (exclusive)");
        }
        return d;
    }

    private static int integer(String v, int low, int high) {
        int i = Integer.parseInt(v);
        if (i < low || i > high) {
            throw new IllegalArgumentException("expected " + low + " to " + high);
        }
        return i;
    }

    /** Parameters that cannot run; the message lists each problem. */
    public static final class InvalidRunParametersException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        public InvalidRunParametersException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
