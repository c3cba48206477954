package org.darkfigure.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.darkfigure.manifest.ReleaseManifest;
import org.darkfigure.pipeline.PipelineJob;
import org.darkfigure.pipeline.Progress;
import org.darkfigure.spark.SparkSessions;
import org.darkfigure.spark.Storage;
import org.darkfigure.simulate.Scenario;

/**
 * Makes the release bench/web serves: COUNTRIES x YEARS strata of simulated people (three sources,
 * small populations, so the release is large in strata rather than in records), run through the real
 * pipeline into WORK/data.
 */
public final class WebBenchmarkRelease {

    private WebBenchmarkRelease() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int countries = Integer.parseInt(args[1]);
        int years = Integer.parseInt(args[2]);
        int mean = Integer.parseInt(args[3]);
        List<String> codes = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3).stream().sorted()
                .limit(countries).toList();
        Scenario scenario = Scenario.withDefaults().withCountries(codes).withYears(2005, years).withMeanPopulation(mean)
                .withSources(List.of("POLICE", "IMMIGRATION", "NGO"), List.of(0.35, 0.4, 0.3));
        SparkSession spark = SparkSessions.start("local[*]", "web-benchmark-release", 8);
        try {
            long t = System.nanoTime();
            ReleaseManifest release = PipelineJob.run(spark, new Storage(spark.sparkContext().hadoopConfiguration()),
                    PipelineBenchmark.stage(spark, scenario, work, "20261129T000000Z-0eb0"),
                    new Progress(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)));
            System.out.printf(Locale.ROOT, "RELEASE %s %d strata in %.0f s%n", release.releaseId(),
                    release.stages().get(2).counts().get("strata"), (System.nanoTime() - t) / 1e9);
        } finally {
            spark.stop();
        }
    }
}
