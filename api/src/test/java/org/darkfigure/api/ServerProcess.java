package org.darkfigure.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.darkfigure.access.Role;
import org.darkfigure.access.TokenRegistry;
import org.darkfigure.registry.Database;

/**
 * {@code ./darkfigure serve} as a real child process over a data folder (embedded H2), with optional
 * failpoints, so tests can kill it (and the pipeline job it starts) with SIGKILL at chosen points.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final int port;
    final HttpClient http = HttpClient.newHttpClient();

    private final Path data;
    private final String adminToken;
    private final Map<String, String> submitterTokens = new java.util.concurrent.ConcurrentHashMap<>();

    private ServerProcess(Process process, int port, Path data) throws java.sql.SQLException {
        this.process = process;
        this.port = port;
        this.data = data;
        this.adminToken = issue(Role.ADMIN, null);
    }

    /** A token issued straight in the server's registry, as {@code ./darkfigure token create} does. */
    private String issue(Role role, String country) throws java.sql.SQLException {
        try (Database db = Database.open(AppConfig.defaultH2Url(data), null, null)) {
            return new TokenRegistry(db.dataSource()).issue(role, country, null, 1, "test").secret();
        }
    }

    private String tokenFor(String method, String path) {
        return TestServer.submitterState(method, path).map(c -> submitterTokens.computeIfAbsent(c, state -> {
            try {
                return issue(Role.SUBMITTER, state);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        })).orElse(adminToken);
    }

    /** A request to {@code path} signed as {@link #tokenFor} says. */
    HttpRequest.Builder request(String method, String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + tokenFor(method, path));
    }

    static ServerProcess start(Path data, String failpoints) throws Exception {
        String flags;
        try (InputStream in = ServerProcess.class.getResourceAsStream("/org/darkfigure/pipeline/jvm.flags")) {
            flags = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        String classpath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classpath, "org.darkfigure.api.Main", "serve", "--port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put(AppConfig.DATA, data.toString());
        env.put(AppConfig.JOBS_CLASSPATH, classpath);
        env.put(AppConfig.JOBS_JVM_OPTS, flags + " -Xmx1g");
        env.remove(AppConfig.DB_URL);
        if (failpoints == null) {
            env.remove("DARKFIGURE_FAILPOINTS");
        } else {
            env.put("DARKFIGURE_FAILPOINTS", failpoints);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> early = new ArrayList<>();
        int port = -1;
        long deadline = System.currentTimeMillis() + 60_000;
        for (String line; port < 0 && (line = out.readLine()) != null && System.currentTimeMillis() < deadline; ) {
            early.add(line);
            Matcher m = SERVING.matcher(line);
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
            }
        }
        if (port < 0) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not start:\n" + String.join("\n", early));
        }
        ServerProcess server = new ServerProcess(process, port, data);
        server.output.addAll(early);
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    server.output.add(line);
                }
            } catch (IOException e) {
                // the process was killed
            }
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
        return server;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request("GET", path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, byte[] body) throws IOException, InterruptedException {
        return http.send(request("POST", path).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    boolean printed(String text) {
        return output.stream().anyMatch(l -> l.contains(text));
    }

    String output() {
        return String.join("\n", output);
    }

    /** SIGKILL to the pipeline job(s) this server started; the server lives on. */
    void killJobs() throws InterruptedException {
        for (ProcessHandle child : process.descendants().toList()) {
            child.destroyForcibly();
            child.onExit().join();
        }
    }

    /**
     * SIGKILL to the server alone, as in a crash; the jobs it started must then end by themselves (they
     * watch their parent). Returns how many of them were still alive after 30 s and had to be killed.
     */
    int crash() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        int survivors = 0;
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                survivors++;
                child.destroyForcibly();
            }
        }
        return survivors;
    }

    @Override
    public void close() throws InterruptedException {
        for (ProcessHandle child : process.descendants().toList()) {
            child.destroyForcibly();
        }
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
