package org.darkfigure.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.darkfigure.cli.Command;
import org.darkfigure.cli.CommandLine;
import org.darkfigure.registry.Run;
import org.darkfigure.registry.RunStatus;
import org.darkfigure.manifest.RunParameters;

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
        return ("""
                usage: ./darkfigure pipeline [--seed N] [--params NAME=VALUE,...] [--master URL]

                Writes a run manifest of the current submissions (latest accepted revision of every slice),
                runs the Spark pipeline and publishes a new release under DARKFIGURE_DATA/releases/, making it
                the current one. The same as POST /api/v1/runs; works while the server runs.

                  --seed N       seed recorded in the run manifest (default DEFAULT_SEED)
                  --params P     run parameters, e.g. linkThreshold=0.6,criterion=AIC (recorded in the
                                 manifest; the same as POST /api/v1/runs?NAME=VALUE):
                """ + parameterHelp() + """
                  --master URL   Spark master (default DARKFIGURE_SPARK_MASTER or local[*])
                """).replace("DEFAULT_SEED", Long.toString(RunParameters.DEFAULT_SEED));
    }

    private static String parameterHelp() {
        StringBuilder text = new StringBuilder();
        RunParameters.KNOWN.entrySet().stream().filter(e -> !e.getKey().equals("seed")).sorted(Map.Entry.comparingByKey())
                .forEach(e -> text.append("                   ").append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
        return text.toString();
    }

    @Override
    public Set<String> options() {
        return Set.of("seed", "params", "master");
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
            Map<String, String> given = new LinkedHashMap<>();
            args.option("seed").ifPresent(seed -> given.put("seed", seed));
            for (String pair : args.option("params", "").split(",")) {
                if (!pair.isBlank()) {
                    int eq = pair.indexOf('=');
                    given.put(eq < 0 ? pair.strip() : pair.substring(0, eq).strip(), eq < 0 ? "" : pair.substring(eq + 1));
                }
            }
            given.putIfAbsent("smallCell", Integer.toString(config.smallCellThreshold())); // this installation's rule
            var started = services.pipelineRuns().start(RunParameters.parse(given));
            System.out.println("run " + started.run().id() + " started with " + started.run().inputs() + " submissions");
            Run done = started.completion().get();
            System.out.println("run " + done.id() + ": " + done.status().name().toLowerCase() + " — " + done.message());
            return done.status() == RunStatus.SUCCEEDED ? 0 : 1;
        }
    }
}
