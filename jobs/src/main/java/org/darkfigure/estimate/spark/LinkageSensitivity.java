package org.darkfigure.estimate.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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

    /** The thresholds tried beside the chosen one (the link stage builds people at them). */
    public static final double[] THRESHOLDS = LinkStage.SENSITIVITY_THRESHOLDS;
    private static final String ORIGIN = "threshold ";

    private LinkageSensitivity() {
    }

    /** "population|country|year" to (threshold to estimated total). */
    public static Map<String, Map<Double, Double>> totals(SparkSession spark, Map<String, LinkStage.Linked> linkages,
                                                           StratumFit fit) {
        // the link stage built the people at these thresholds where the strata are and counted them by stratum and
        // capture pattern; only those counts (a few rows per stratum) go to Spark, which estimates every stratum at
        // both thresholds in parallel
        List<Row> counts = new ArrayList<>();
        linkages.forEach((population, linkage) -> {
            for (LinkStage.PatternCount c : linkage.atOtherThresholds()) {
                counts.add(RowFactory.create(population, c.country(), c.year(), "all", ORIGIN + c.threshold(),
                        scala.jdk.javaapi.CollectionConverters.asScala(c.sources()).toSeq(), c.count()));
            }
        });
        Map<String, Map<Double, Double>> out = new TreeMap<>();
        if (counts.isEmpty()) {
            return out;
        }
        for (Row r : EstimateStage.estimates(spark.createDataFrame(counts, EstimateStage.PATTERNS), fit)) {
            String key = r.<String>getAs("population") + "|" + r.<String>getAs("country") + "|" + r.<Integer>getAs("year");
            double threshold = Double.parseDouble(r.<String>getAs("origin").substring(ORIGIN.length()));
            out.computeIfAbsent(key, k -> new TreeMap<>()).put(threshold, r.<Double>getAs("total"));
        }
        return out;
    }
}
