package org.darkfigure.estimate.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.Estimate;
import org.darkfigure.estimate.StratumEstimator;

/**
 * Fits one stratum inside Spark: gathers its (sources, count) pattern rows into a
 * {@link CaptureHistory} and calls the plain-Java estimator. The lists of a stratum are the sources
 * seen in it, in sorted order.
 */
final class StratumFit implements FlatMapGroupsFunction<String, Row, Row> {

    private static final long serialVersionUID = 1L;
    private final double level;

    StratumFit(double level) {
        this.level = level;
    }

    @Override
    public Iterator<Row> call(String key, Iterator<Row> patterns) {
        String country = null;
        int year = 0;
        Map<List<String>, Long> byPattern = new HashMap<>();
        TreeSet<String> sources = new TreeSet<>();
        while (patterns.hasNext()) {
            Row r = patterns.next();
            country = r.getString(0);
            year = r.getInt(1);
            List<String> pattern = r.getList(2);
            byPattern.merge(List.copyOf(pattern), r.getLong(3), Long::sum);
            sources.addAll(pattern);
        }
        List<String> lists = new ArrayList<>(sources);
        Map<Integer, Long> counts = new HashMap<>();
        byPattern.forEach((pattern, count) -> {
            int mask = 0;
            for (String s : pattern) {
                mask |= 1 << lists.indexOf(s);
            }
            counts.merge(mask, count, Long::sum);
        });
        CaptureHistory history = CaptureHistory.of(lists, counts);
        Estimate e = new StratumEstimator(level).fit(history);
        long[] listSizes = new long[lists.size()];
        for (int i = 0; i < lists.size(); i++) {
            listSizes[i] = history.listSize(i);
        }
        List<Long> cells = new ArrayList<>();
        for (long c : history.counts()) {
            cells.add(c);
        }
        List<Long> sizes = new ArrayList<>();
        for (long s : listSizes) {
            sizes.add(s);
        }
        Row row = RowFactory.create(country, year, e.observed(), lists.size(),
                scala(lists), scala(sizes), scala(cells),
                e.method(), e.model(), e.total(), e.stderr(), e.interval().lower(), e.interval().upper(),
                e.interval().level(), e.interval().method().name(), e.status().name(), scala(e.warnings()),
                e.diagnostics() == null ? null : e.diagnostics().deviance(),
                e.diagnostics() == null ? null : e.diagnostics().df(),
                e.diagnostics() == null ? null : e.diagnostics().aic(),
                e.diagnostics() == null ? null : e.diagnostics().bic());
        return List.of(row).iterator();
    }

    private static <T> scala.collection.immutable.Seq<T> scala(List<T> list) {
        return scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq();
    }
}
