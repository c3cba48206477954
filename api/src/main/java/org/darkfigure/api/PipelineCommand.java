package org.darkfigure.api;

import java.util.Set;
import org.darkfigure.cli.Command;
import org.darkfigure.cli.CommandLine;
import org.darkfigure.registry.Run;
import org.darkfigure.registry.RunStatus;

/** {@code ./darkfigure pipeline}: one pipeline run over the current submissions, from the command line. */
public final class PipelineCommand implements Command {

    @Override
    public String name() {
        return "pipeline";
    }

    @Override
    public String summary() {
        return "run harmonise -> link -> estimate -> publish over the current submissions";
    }

    @Override
    public String help() {
        return """
                usage: ./darkfigure pipeline [--seed N] [--master URL]

                Writes a run manifest of the current submissions (latest accepted revision of every slice),
                runs the Spark pipeline and publishes a new release under DARKFIGURE_DATA/releases/, making it
                the current one. The same as POST /api/v1/runs; works while the server runs.

                  --seed N       seed recorded in the run manifest (default 20261128)
                  --master URL   Spark master (default DARKFIGURE_SPARK_MASTER or local[*])
                """;
    }

    @Override
    public Set<String> options() {
        return Set.of("seed", "master");
    }

    @Override
    public int run(CommandLine args) throws Exception {
        AppConfig config = AppConfig.fromEnvironment(System.getenv());
        if (args.option("master").isPresent()) {
            config = config.withSparkMaster(args.option("master").get());
        }
        try (Services services = Services.open(config)) {
            if (services.pipelineRuns() == null) {
                throw new IllegalStateException("no job command configured; run through ./darkfigure");
            }
            var started = services.pipelineRuns().start(args.longOption("seed", 20261128L));
            System.out.println("run " + started.run().id() + " started with " + started.run().inputs() + " submissions");
            Run done = started.completion().get();
            System.out.println("run " + done.id() + ": " + done.status().name().toLowerCase() + " — " + done.message());
            return done.status() == RunStatus.SUCCEEDED ? 0 : 1;
        }
    }
}
