package org.darkfigure.runs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a pipeline run may be given, checked before it starts (a typo must not silently run with defaults):
 * the seed and the parameters the job reads. They are written into the run manifest and the release's, so
 * a release can be re-run with exactly them.
 */
public record RunParameters(long seed, Map<String, String> values) {

    public static final long DEFAULT_SEED = 20261128L;

    /** Name -> what it means; the job's defaults apply to those not given (level is always recorded). */
    public static final Map<String, String> KNOWN = known();

    private static Map<String, String> known() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("seed", "integer; fixes the linkage's LSH bit positions and random pairs (default " + DEFAULT_SEED + ")");
        m.put("level", "confidence level of the intervals, between 0 and 1 (default 0.95)");
        m.put("criterion", "model selection criterion, AIC or BIC (default BIC)");
        m.put("maxOrder", "highest interaction order of the log-linear models, 1 to 10 (default 2)");
        m.put("linkThreshold", "match probability from which pairs are linked, between 0 and 1 (default 0.5)");
        m.put("maxCandidatePairs", "cap on a blocking rule's candidate pairs, a positive integer "
                + "(default: 200 per record, at least 50 million)");
        m.put("k", "k-anonymity of the researcher microdata: every combination of quasi-identifiers shared by at "
                + "least k records, an integer from 2 to 100 (default 5)");
        m.put("bayes", "Bayesian comparison candidates of each stratum: dga, lcmcr, dga,lcmcr or none (default dga; "
                + "lcmcr's sampling costs about 0.1 s a stratum)");
        return java.util.Collections.unmodifiableMap(m);
    }

    public RunParameters {
        values = Map.copyOf(values);
    }

    public static RunParameters defaults() {
        return parse(Map.of());
    }

    /** Checks every given value; the exception lists every problem at once. */
    public static RunParameters parse(Map<String, String> given) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new TreeMap<>();
        values.put("level", "0.95");
        long seed = DEFAULT_SEED;
        for (Map.Entry<String, String> e : given.entrySet()) {
            String name = e.getKey();
            String v = e.getValue() == null ? "" : e.getValue().strip();
            try {
                switch (name) {
                    case "seed" -> seed = Long.parseLong(v);
                    case "level" -> values.put(name, Double.toString(between(v, 0, 1)));
                    case "linkThreshold" -> values.put(name, Double.toString(between(v, 0, 1)));
                    case "criterion" -> {
                        String c = v.toUpperCase(Locale.ROOT);
                        if (!c.equals("AIC") && !c.equals("BIC")) {
                            throw new IllegalArgumentException("expected AIC or BIC");
                        }
                        values.put(name, c);
                    }
                    case "maxOrder" -> {
                        int order = Integer.parseInt(v);
                        if (order < 1 || order > 10) {
                            throw new IllegalArgumentException("expected 1 to 10");
                        }
                        values.put(name, Integer.toString(order));
                    }
                    case "k" -> {
                        int k = Integer.parseInt(v);
                        if (k < 2 || k > 100) {
                            throw new IllegalArgumentException("expected 2 to 100");
                        }
                        values.put(name, Integer.toString(k));
                    }
                    case "bayes" -> {
                        List<String> methods = new ArrayList<>();
                        for (String m : v.toLowerCase(Locale.ROOT).split(",")) {
                            String t = m.strip();
                            if (!t.equals("dga") && !t.equals("lcmcr") && !(t.equals("none") && v.strip().equalsIgnoreCase("none"))) {
                                throw new IllegalArgumentException("expected dga, lcmcr, dga,lcmcr or none");
                            }
                            if (!methods.contains(t)) {
                                methods.add(t);
                            }
                        }
                        values.put(name, String.join(",", methods));
                    }
                    case "maxCandidatePairs" -> {
                        long cap = Long.parseLong(v);
                        if (cap <= 0) {
                            throw new IllegalArgumentException("expected a positive integer");
                        }
                        values.put(name, Long.toString(cap));
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
        return new RunParameters(seed, values);
    }

    private static double between(String v, double low, double high) {
        double d = Double.parseDouble(v);
        if (!(d > low && d < high)) {
            throw new IllegalArgumentException("expected a number between " + low + " and " + high + " (exclusive)");
        }
        return d;
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
