package org.darkfigure.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.darkfigure.estimate.CaptureHistory;
import org.darkfigure.estimate.bayes.Dga;
import org.darkfigure.estimate.bayes.Lcmcr;
import org.darkfigure.estimate.cli.CaptureHistoryCsv;
import org.darkfigure.estimate.interval.Bootstrap;
import org.darkfigure.estimate.loglinear.ModelFit;
import org.darkfigure.estimate.search.ModelSearch;
import org.darkfigure.estimate.spark.EstimateStage;
import org.darkfigure.estimate.spark.StratumFit;
import org.darkfigure.manifest.RunParameters;
import org.darkfigure.spark.SparkSessions;

/**
 * The estimation benchmark (bench/estimate): wall times of the searches and bootstraps the R reference
 * packages were timed on (README of ../shared/refdata/mse, R 4.2.2 on this kind of machine), with the
 * ratio to R, and a 1,000-stratum estimate stage in Spark. Not a test: it prints a table.
 */
public final class EstimateBenchmark {

    private EstimateBenchmark() {
    }

    private record Line(String task, String result, double seconds, double rSeconds) {
    }

    public static void main(String[] args) throws Exception {
        Path refdata = Path.of(args.length > 0 ? args[0] : "jobs/src/test/resources/refdata/mse");
        int replicates = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        boolean onlyBayes = args.length > 2 && args[2].equals("bayes");
        List<Line> lines = new ArrayList<>();
        bayes(refdata, lines);
        if (onlyBayes) {
            print(lines);
            return;
        }

        CaptureHistory uk = read(refdata.resolve("uk_2013.csv"));
        // warm the JIT on a smaller search first, as R had its own start-up outside the timing
        ModelSearch.withDefaults().withFamily(ModelSearch.Family.LOGLINEAR).withRule(ModelSearch.SelectionRule.EXISTENCE)
                .run(read(refdata.resolve("uk_2013_5.csv")));

        long t = System.nanoTime();
        ModelSearch.Result exhaustive = ModelSearch.withDefaults().withFamily(ModelSearch.Family.LOGLINEAR)
                .withRule(ModelSearch.SelectionRule.EXISTENCE).withMethod(ModelSearch.Method.EXHAUSTIVE).run(uk);
        lines.add(new Line("uk_2013 (6 lists): exhaustive BIC over " + exhaustive.models() + " pairwise models",
                exhaustive.selected().map(f -> f.model().name() + " " + String.format(Locale.ROOT, "%.1f", f.total())).orElse("-"),
                seconds(t), 123));

        CaptureHistory uk5 = read(refdata.resolve("uk_2013_5.csv"));
        t = System.nanoTime();
        ModelSearch.Result all5 = ModelSearch.withDefaults().withFamily(ModelSearch.Family.LOGLINEAR)
                .withRule(ModelSearch.SelectionRule.EXISTENCE).withMethod(ModelSearch.Method.EXHAUSTIVE).withMaxOrder(4).run(uk5);
        lines.add(new Line("uk_2013_5: exhaustive BIC, all orders (" + all5.models() + " models)",
                all5.selected().map(f -> f.model().name()).orElse("-"), seconds(t), 19.1));

        CaptureHistory ten = tenLists();
        t = System.nanoTime();
        ModelSearch.Result stepwise10 = ModelSearch.withDefaults().withFamily(ModelSearch.Family.LOGLINEAR)
                .withMethod(ModelSearch.Method.STEPWISE).run(ten);
        lines.add(new Line("simulated 10-list table (N 20,000): stepwise search",
                stepwise10.selected().map(f -> f.model().name() + " " + String.format(Locale.ROOT, "%.0f", f.total())).orElse("-"),
                seconds(t), Double.NaN));

        ModelSearch stepwise = ModelSearch.withDefaults().withFamily(ModelSearch.Family.LOGLINEAR)
                .withMethod(ModelSearch.Method.STEPWISE);
        for (String[] b : new String[][] {{"uk_2013", "359"}, {"new_orleans_sparsemse", "943"}, {"western_us", "68"}}) {
            CaptureHistory h = read(refdata.resolve(b[0] + ".csv"));
            t = System.nanoTime();
            Bootstrap.Result boot = new Bootstrap(replicates, 1234, 0.95).run(h,
                    table -> stepwise.run(table).selected().map(ModelFit::total).orElse(Double.NaN));
            lines.add(new Line(b[0] + ": SparseMSE stepwise re-selected in " + replicates + " bootstrap replicates (BCa)",
                    String.format(Locale.ROOT, "%.0f [%.0f, %.0f]", boot.point(), boot.lower(), boot.upper()), seconds(t),
                    Double.parseDouble(b[1]) * replicates / 1000));
        }

        SparkSession spark = SparkSessions.start("local[*]", "estimate-benchmark", 8);
        try {
            List<Row> rows = strata(1000);
            Dataset<Row> patterns = spark.createDataFrame(rows, EstimateStage.PATTERNS).cache();
            patterns.count();
            t = System.nanoTime();
            List<Row> estimates = EstimateStage.estimates(patterns, new StratumFit(0.95, org.darkfigure.estimate.Criterion.BIC, 2));
            long ok = estimates.stream().filter(r -> "OK".equals(r.getAs("status"))).count();
            lines.add(new Line("Spark estimate stage: 1,000 strata of 5 lists (search + profile interval each)",
                    ok + " of " + estimates.size() + " strata OK", seconds(t), Double.NaN));
            t = System.nanoTime();
            estimates = EstimateStage.estimates(patterns, new StratumFit(0.95, org.darkfigure.estimate.Criterion.BIC, 2,
                    RunParameters.DEFAULT_BAYES, StratumFit.combination(RunParameters.DEFAULT_ESTIMATOR)));
            ok = estimates.stream().filter(r -> "OK".equals(r.getAs("status"))).count();
            lines.add(new Line("Spark estimate stage as above + dga comparison candidate (the pipeline's default)",
                    ok + " of " + estimates.size() + " strata OK", seconds(t), Double.NaN));
        } finally {
            spark.stop();
        }

        print(lines);
    }

    /**
     * dga and LCMCR at the sizes R was timed on (BAYES.md of the reference data): dga's bma.cr on uk_2013_5 over its
     * 822 graphs x 80,000 unseen counts (R 9.9 s CPU) and LCMCR on kosovo, 10,000 burn-in + 100,000 sweeps (one
     * chain, R 2.3 s CPU); then the command's default, two such chains in parallel, against two R runs.
     */
    private static void bayes(Path refdata, List<Line> lines) throws IOException {
        CaptureHistory uk5 = read(refdata.resolve("uk_2013_5.csv"));
        CaptureHistory kosovo = read(refdata.resolve("kosovo.csv"));
        // warm the JIT (and generate the graphs) first, as R had its package loaded outside the timing
        Dga.fit(uk5, Dga.Options.defaults(5).withMaxMissing(20_000));
        Lcmcr.fit(kosovo, Lcmcr.Options.defaults().withBurnin(2_000).withSamples(100).withThinning(100).withChains(2));

        long t = System.nanoTime();
        Dga.Result dga = Dga.fit(uk5, Dga.Options.defaults(5).withMaxMissing(80_000));
        lines.add(new Line("uk_2013_5: dga bma.cr, 822 graphs x 80,000 unseen counts (delta 2^-5, prior 1/N)",
                String.format(Locale.ROOT, "median %.0f [%.0f, %.0f]", dga.posterior().median(),
                        dga.posterior().quantile(0.025), dga.posterior().quantile(0.975)), seconds(t), 9.9));

        Lcmcr.Options lcmcr = Lcmcr.Options.defaults().withBurnin(10_000).withSamples(1_000).withThinning(100);
        t = System.nanoTime();
        Lcmcr.Result one = Lcmcr.fit(kosovo, lcmcr.withChains(1));
        lines.add(new Line("kosovo: LCMCR K=10, 10,000 burn-in + 100,000 sweeps, 1 chain",
                String.format(Locale.ROOT, "median %.0f [%.0f, %.0f]", one.posterior().median(),
                        one.posterior().quantile(0.025), one.posterior().quantile(0.975)), seconds(t), 2.3));
        t = System.nanoTime();
        Lcmcr.Result two = Lcmcr.fit(kosovo, lcmcr.withChains(2));
        lines.add(new Line("kosovo: LCMCR as above, 2 chains in parallel (R: 2 runs)",
                String.format(Locale.ROOT, "median %.0f [%.0f, %.0f] ESS %.0f", two.posterior().median(),
                        two.posterior().quantile(0.025), two.posterior().quantile(0.975), two.diagnostics().ess()),
                seconds(t), 4.6));
    }

    private static void print(List<Line> lines) {
        System.out.printf(Locale.ROOT, "%n%-86s %-34s %9s %9s %8s%n", "task", "result", "seconds", "R seconds", "R / us");
        for (Line l : lines) {
            System.out.printf(Locale.ROOT, "%-86s %-34s %9.2f %9s %8s%n", l.task(), l.result(), l.seconds(),
                    Double.isNaN(l.rSeconds()) ? "-" : String.format(Locale.ROOT, "%.1f", l.rSeconds()),
                    Double.isNaN(l.rSeconds()) ? "-" : String.format(Locale.ROOT, "%.1fx", l.rSeconds() / l.seconds()));
        }
        System.out.printf(Locale.ROOT, "(R seconds: CPU times of R 4.2.2 on this kind of machine, from the README and "
                + "BAYES.md of the reference data; cores: %d)%n", Runtime.getRuntime().availableProcessors());
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static CaptureHistory read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CaptureHistoryCsv.read(in);
        }
    }

    /** Ten independent lists over 20,000 people, capture probabilities 0.05 to 0.2. */
    static CaptureHistory tenLists() {
        SplittableRandom random = new SplittableRandom(10);
        long[] counts = new long[1 << 10];
        for (int person = 0; person < 20_000; person++) {
            int pattern = 0;
            for (int j = 0; j < 10; j++) {
                if (random.nextDouble() < 0.05 + 0.015 * j) {
                    pattern |= 1 << j;
                }
            }
            counts[pattern]++;
        }
        counts[0] = 0;
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= 10; j++) {
            names.add("L" + j);
        }
        return new CaptureHistory(names, counts);
    }

    /** Pattern rows of {@code n} strata, each a 5-list table of 300 to 3,000 people with heterogeneity. */
    static List<Row> strata(int n) {
        SplittableRandom random = new SplittableRandom(1000);
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            int size = 300 + random.nextInt(2700);
            long[] counts = new long[32];
            for (int person = 0; person < size; person++) {
                double u = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble()) * 0.7;
                int pattern = 0;
                for (int j = 0; j < 5; j++) {
                    double p = 1 / (1 + Math.exp(-(-1.5 + 0.1 * j + u)));
                    if (random.nextDouble() < p) {
                        pattern |= 1 << j;
                    }
                }
                counts[pattern]++;
            }
            for (int p = 1; p < 32; p++) {
                if (counts[p] > 0) {
                    List<String> sources = new ArrayList<>();
                    for (int j = 0; j < 5; j++) {
                        if ((p & (1 << j)) != 0) {
                            sources.add("S" + j);
                        }
                    }
                    rows.add(RowFactory.create("migrant", "C" + (s % 50), 2000 + s / 50, "all", "records",
                            scala.jdk.javaapi.CollectionConverters.asScala(sources).toSeq(), counts[p]));
                }
            }
        }
        return rows;
    }
}
