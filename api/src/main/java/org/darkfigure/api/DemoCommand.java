package org.darkfigure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.darkfigure.cli.Command;
import org.darkfigure.cli.CommandLine;

/**
 * {@code ./darkfigure demo}: the whole path on a fresh clone. Simulates submissions with a known
 * truth, starts the server, uploads every file through the HTTP API as a member state would, runs
 * the pipeline through the API, prints each stratum's interval beside the true total, and serves
 * the chart.
 */
public final class DemoCommand implements Command {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "simulate, upload through the API, run the pipeline, print estimates vs truth, serve the chart";
    }

    @Override
    public String help() {
        return """
                usage: ./darkfigure demo [--no-serve] [--port N] [--seed N] [--population N]

                End to end on embedded defaults (local Spark, embedded H2, files under DARKFIGURE_DATA, default ./data):
                  1. simulate synthetic submissions with a known truth into DATA/demo-input/
                  2. start the server (port 7070 by default)
                  3. upload every file through POST /api/v1/submissions
                  4. run the pipeline through POST /api/v1/runs and wait for the release
                  5. print each stratum's estimate and interval beside the true total
                  6. keep serving the chart at http://127.0.0.1:PORT/ (Ctrl-C to stop)

                  --no-serve       exit after publishing (for scripts)
                  --port N         port (default DARKFIGURE_PORT or 7070)
                  --seed N         simulation seed (default 42)
                  --population N   mean population per country and year (default 1500)
                """;
    }

    @Override
    public Set<String> options() {
        return Set.of("port", "seed", "population");
    }

    @Override
    public Set<String> flags() {
        return Set.of("no-serve");
    }

    @Override
    public int run(CommandLine args) throws Exception {
        long started = System.nanoTime();
        AppConfig config = AppConfig.fromEnvironment(System.getenv());
        config = config.withPort(args.intOption("port", config.http().port()));
        if (config.jobs().command().isEmpty()) {
            throw new IllegalStateException("no job command configured; run the demo through ./darkfigure demo");
        }
        Path input = config.dataRoot().resolve("demo-input");
        step("1/5 simulating submissions into " + input);
        int simulated = config.jobLauncher().run(List.of("simulate", "--out", input.toString(),
                        "--seed", args.option("seed", "42"), "--population", args.option("population", "1500")),
                config.dataRoot().resolve("demo-simulate.log"), System.out::println);
        if (simulated != 0) {
            throw new IllegalStateException("simulation failed (exit " + simulated + "); see " + config.dataRoot()
                    .resolve("demo-simulate.log"));
        }

        Services services = Services.open(config);
        services.recover();
        Javalin app = Servers.start(DarkfigureApp.create(services), config.http().host(), config.http().port());
        String base = "http://" + config.http().host() + ":" + app.port();
        step("2/5 server started at " + base + "/");
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            DemoTokens tokens = DemoTokens.issue(services, input, config.dataRoot());
            upload(http, base, input, tokens);
            String releaseId = runPipeline(http, base, tokens.admin());
            compare(http, base, input, releaseId, tokens.viewer());
            System.out.printf(Locale.ROOT, "%ndemo finished in %.1f s%n", (System.nanoTime() - started) / 1e9);
            System.out.println("Chart:          " + base + "/  (sign in with the viewer token above; all tokens are in "
                    + config.dataRoot().resolve("demo-tokens.json") + ")");
            System.out.println("Estimates JSON: " + base + "/api/v1/estimates");
            System.out.println("Detections:     " + base + "/detections  (incidents, dead and missing, facilitators, justice funnel)");
            if (args.flag("no-serve")) {
                return 0;
            }
            System.out.println("Serving until stopped (Ctrl-C).");
            Thread.currentThread().join();
            return 0;
        } finally {
            if (args.flag("no-serve")) {
                app.stop();
                services.close();
            }
        }
    }

    private static void upload(HttpClient http, String base, Path input, DemoTokens tokens)
            throws IOException, InterruptedException {
        List<String> lines = Files.readAllLines(input.resolve("submissions.csv"), StandardCharsets.UTF_8);
        step("3/5 uploading " + (lines.size() - 1) + " files through POST /api/v1/submissions");
        int created = 0;
        int again = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            String query = "country=" + enc(f[1]) + "&source=" + enc(f[2]) + "&recordType=" + enc(f[3])
                    + "&period=" + enc(f[4]) + "&schemaVersion=" + enc(f[5]);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/submissions?" + query))
                    .header("Content-Type", "text/csv; charset=utf-8")
                    .header("Authorization", "Bearer " + tokens.submitters().get(f[1]))
                    .POST(HttpRequest.BodyPublishers.ofFile(input.resolve(f[0]))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                created++;
            } else if (response.statusCode() == 200) {
                again++;
            } else {
                throw new IllegalStateException("upload of " + f[0] + " refused (" + response.statusCode() + "): "
                        + response.body());
            }
        }
        System.out.println("    " + created + " accepted, " + again + " already received earlier (same bytes)");
    }

    private static String runPipeline(HttpClient http, String base, String adminToken)
            throws IOException, InterruptedException {
        step("4/5 running the pipeline through POST /api/v1/runs (as admin)");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/runs"))
                .header("Authorization", "Bearer " + adminToken)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("could not start a run (" + response.statusCode() + "): " + response.body());
        }
        String runId = JSON.readTree(response.body()).path("id").asText();
        String lastStage = "";
        while (true) {
            Thread.sleep(500);
            JsonNode run = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/runs/" + runId))
                    .header("Authorization", "Bearer " + adminToken).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            String stage = run.path("stage").asText();
            if (!stage.equals(lastStage)) {
                System.out.println("    [" + run.path("stagesDone").asInt() + "/" + run.path("stagesTotal").asInt() + "] "
                        + stage);
                lastStage = stage;
            }
            String status = run.path("status").asText();
            if (status.equals("succeeded")) {
                return run.path("releaseId").asText();
            }
            if (status.equals("failed")) {
                throw new IllegalStateException("the pipeline run failed: " + run.path("message").asText());
            }
        }
    }

    private static void compare(HttpClient http, String base, Path input, String releaseId, String viewerToken)
            throws IOException, InterruptedException {
        step("5/5 estimates of release " + releaseId + " (GET /api/v1/estimates, as viewer) against the simulated truth");
        JsonNode estimates = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/estimates"))
                .header("Authorization", "Bearer " + viewerToken).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        int[] migrants = table(estimates, "migrant", truth(input.resolve("truth.csv")));
        System.out.printf(Locale.ROOT, "    the truth lies inside the interval in %d of %d strata%n", migrants[0], migrants[1]);
        Path smugglers = input.resolve("truth-offenders.csv");
        if (Files.exists(smugglers)) {
            System.out.println("    smugglers (detected independently by the police, the coast guard and immigration;"
                    + " the justice chain is a funnel, not a list):");
            int[] offenders = table(estimates, "offender", truth(smugglers));
            System.out.printf(Locale.ROOT, "    smugglers: truth inside the interval in %d of %d strata%n", offenders[0],
                    offenders[1]);
        }
        System.out.println("    (each interval is the published default's 95% interval: the all-two-way log-linear model's profile"
                + " likelihood, chosen by the simulation study; the study's coverage for each situation is in its quality"
                + " reasons; bench/demo-coverage pools this count over many seeds)");
    }

    /** country|year -> true total, from a simulation's truth file. */
    private static Map<String, Long> truth(Path file) throws IOException {
        Map<String, Long> truth = new HashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            truth.put(f[0] + "|" + f[1], Long.parseLong(f[2]));
        }
        return truth;
    }

    /** Prints one population's strata beside the truth; returns {inside, strata}. */
    private static int[] table(JsonNode estimates, String population, Map<String, Long> truth) {
        System.out.printf(Locale.ROOT, "    %-7s %4s %8s %9s %21s %8s  %-13s %s%n", "country", "year", "observed", "estimate",
                "95% interval", "truth", "truth inside?", "quality");
        int inside = 0;
        int strata = 0;
        for (JsonNode s : estimates.path("strata")) {
            if (!s.path("population").asText().equals(population) || !s.path("stratum").asText().equals("all")) {
                continue;
            }
            JsonNode e = s.path("estimate");
            Long trueTotal = truth.get(s.path("country").asText() + "|" + s.path("year").asInt());
            boolean ok = e.path("status").asText().equals("OK");
            boolean in = ok && trueTotal != null && trueTotal >= e.path("lower").asDouble()
                    && trueTotal <= e.path("upper").asDouble();
            strata++;
            if (in) {
                inside++;
            }
            System.out.printf(Locale.ROOT, "    %-7s %4d %8d %9.0f  [%8.0f, %8.0f] %8s  %-13s %s%n", s.path("country").asText(),
                    s.path("year").asInt(), s.path("observed").asLong(), e.path("total").asDouble(),
                    e.path("lower").asDouble(), e.path("upper").asDouble(), trueTotal == null ? "?" : trueTotal,
                    ok ? (in ? "yes" : "no") : e.path("status").asText(), e.path("quality").path("flag").asText("-"));
        }
        return new int[] {inside, strata};
    }

    private static void step(String message) {
        System.out.println("==> " + message);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
