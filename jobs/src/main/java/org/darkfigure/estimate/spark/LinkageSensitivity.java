package org.darkfigure.estimate.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.Estimate;
import org.darkfigure.estimate.search.Estimation;
import org.darkfigure.link.spark.LinkStage;

/**
 * How much each stratum's estimate moves with the linkage: people are rebuilt from the scored pairs
 * at a stricter and a looser match-probability threshold than the chosen one, and every stratum is
 * estimated again the same way. No reference tool does this; a wide spread says the linkage, not the
 * sampling, is the larger uncertainty.
 */
public final class LinkageSensitivity {

    /** The thresholds tried beside the chosen one. */
    public static final double[] THRESHOLDS = {0.2, 0.8};

    private LinkageSensitivity() {
    }

    /** "population|country|year" to (threshold to estimated total). */
    public static Map<String, Map<Double, Double>> totals(Map<String, LinkStage.Linked> linkages, StratumFit fit) {
        Map<String, Map<Double, Double>> out = new TreeMap<>();
        linkages.forEach((population, linkage) -> {
            for (double threshold : THRESHOLDS) {
                Map<String, Map<List<String>, Long>> strata = new HashMap<>();
                for (Row person : linkage.persons(threshold)) {
                    String key = population + "|" + person.getString(0) + "|" + person.getInt(1);
                    List<String> sources = new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(
                            person.<String>getSeq(3)));
                    strata.computeIfAbsent(key, k -> new HashMap<>()).merge(sources, 1L, Long::sum);
                }
                strata.forEach((key, patterns) -> {
                    TreeSet<String> lists = new TreeSet<>();
                    patterns.keySet().forEach(lists::addAll);
                    List<String> ordered = new ArrayList<>(lists);
                    Map<Integer, Long> counts = new HashMap<>();
                    patterns.forEach((sources, count) -> {
                        int mask = 0;
                        for (String s : sources) {
                            mask |= 1 << ordered.indexOf(s);
                        }
                        counts.merge(mask, count, Long::sum);
                    });
                    Estimate e = Estimation.run(CaptureHistory.of(ordered, counts), fit.options()).estimate();
                    out.computeIfAbsent(key, k -> new TreeMap<>()).put(threshold, e.total());
                });
            }
        });
        return out;
    }
}
