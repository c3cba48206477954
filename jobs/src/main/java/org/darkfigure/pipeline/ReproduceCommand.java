package org.darkfigure.pipeline;

import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.darkfigure.cli.Command;
import org.darkfigure.cli.CommandLine;
import org.darkfigure.manifest.StorageLayout;
import org.darkfigure.spark.SparkSessions;
import org.darkfigure.spark.Storage;

/** {@code reproduce RELEASE}: re-run a release from its manifest and say whether every figure came out the same. */
public final class ReproduceCommand implements Command {

    @Override
    public String name() {
        return "reproduce";
    }

    @Override
    public String summary() {
        return "re-run a published release from its manifest and compare every estimate with it";
    }

    @Override
    public String help() {
        return """
                usage: reproduce RELEASE_ID [--data DIR] [--master URL]

                Reads releases/RELEASE_ID/manifest.json under the storage root, checks that every input
                submission is still there with the SHA-256 the release recorded, runs the pipeline again with
                the release's parameters, seed and national profiles into reproductions/<id>/ (the current
                release does not change), and compares estimates.json (every stratum's estimate, interval,
                model, totals, linkage sensitivity) and each stage's row counts exactly.

                  --data DIR     storage root (default: $DARKFIGURE_DATA, else ./data)
                  --master URL   Spark master (default local[*])

                Exit status: 0 reproduced exactly, 1 figures differ (listed), 2 inputs missing or changed.
                """;
    }

    @Override
    public Set<String> options() {
        return Set.of("data", "master");
    }

    @Override
    public int run(CommandLine args) throws Exception {
        if (args.positional().size() != 1) {
            throw new CommandLine.UsageException("give exactly one release id");
        }
        String data = args.option("data").orElse(System.getenv().getOrDefault("DARKFIGURE_DATA", "data"));
        String root = data.contains(":") ? data : java.nio.file.Path.of(data).toAbsolutePath().normalize().toString();
        SparkSession spark = SparkSessions.start(args.option("master", "local[*]"), "darkfigure-reproduce", 8);
        try {
            Reproduction.Outcome outcome = Reproduction.reproduce(spark, new Storage(spark.sparkContext().hadoopConfiguration()),
                    new StorageLayout(root), args.positional().get(0), new Progress(System.err));
            if (!outcome.inputProblems().isEmpty()) {
                System.out.println("cannot reproduce " + outcome.releaseId() + ": its inputs changed");
                outcome.inputProblems().forEach(p -> System.out.println("  " + p));
                return 2;
            }
            if (outcome.identical()) {
                System.out.println("reproduced " + outcome.releaseId() + " exactly: " + outcome.strataCompared()
                        + " strata, every estimate, interval and count identical (re-run in reproductions/"
                        + outcome.reproductionId() + ")");
                return 0;
            }
            System.out.println("release " + outcome.releaseId() + " was NOT reproduced; differences:");
            outcome.differences().forEach(d -> System.out.println("  " + d));
            return 1;
        } finally {
            spark.stop();
        }
    }
}
