package org.darkfigure.estimate.spark;

import static org.apache.spark.sql.functions.lit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.darkfigure.link.spark.LinkStage;

/**
 * How much each stratum's estimate moves with the linkage: people are rebuilt from the scored pairs
 * at a stricter and a looser match-probability threshold than the chosen one, and every stratum is
 * estimated again the same way. No reference tool does this; a wide spread says the linkage, not the
 * sampling, is the larger uncertainty.
 *
 * <p>The re-estimates run in Spark like the main ones, every stratum at every threshold in one pass (issue 20:
 * they ran one stratum at a time on the driver): each threshold's capture patterns are marked in the
 * {@code origin} column, which is part of a stratum's key.
 */
public final class LinkageSensitivity {

    /** The thresholds tried beside the chosen one. */
    public static final double[] THRESHOLDS = {0.2, 0.8};
    private static final String ORIGIN = "threshold ";

    private LinkageSensitivity() {
    }

    /** "population|country|year" to (threshold to estimated total). */
    public static Map<String, Map<Double, Double>> totals(SparkSession spark, Map<String, LinkStage.Linked> linkages,
                                                           StratumFit fit) {
        Dataset<Row> patterns = null;
        for (Map.Entry<String, LinkStage.Linked> linkage : linkages.entrySet()) {
            for (double threshold : THRESHOLDS) {
                Dataset<Row> atThreshold = EstimateStage.patternsOfPersons(
                                spark.createDataFrame(linkage.getValue().persons(threshold), LinkStage.PERSONS),
                                linkage.getKey())
                        .withColumn("origin", lit(ORIGIN + threshold));
                patterns = patterns == null ? atThreshold : patterns.unionByName(atThreshold);
            }
        }
        Map<String, Map<Double, Double>> out = new TreeMap<>();
        if (patterns == null) {
            return out;
        }
        List<Row> estimates = EstimateStage.estimates(patterns, fit);
        for (Row r : estimates) {
            String key = r.<String>getAs("population") + "|" + r.<String>getAs("country") + "|" + r.<Integer>getAs("year");
            double threshold = Double.parseDouble(r.<String>getAs("origin").substring(ORIGIN.length()));
            out.computeIfAbsent(key, k -> new TreeMap<>()).put(threshold, r.<Double>getAs("total"));
        }
        return out;
    }
}
