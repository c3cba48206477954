package org.darkfigure.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.darkfigure.manifest.ReleaseManifest;
import org.darkfigure.manifest.RunManifest;
import org.darkfigure.simulate.Scenario;
import org.darkfigure.spark.SparkSessions;
import org.darkfigure.spark.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline unchanged on a Spark standalone cluster: a master and two workers started on 127.0.0.1 from the
 * Spark jars the build already has (child JVMs, as {@code start-master.sh}/{@code start-worker.sh} would), one
 * core each, so that the run's executors are spread over both and shuffles cross JVMs. A release made on {@code local[2]} is re-run on the cluster with the
 * {@code reproduce} command, in a separate driver JVM, exactly as an operator would submit it; every figure
 * must come out the same.
 */
@Tag("process")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandaloneClusterTest {

    @TempDir
    static Path root;
    private final List<Process> cluster = new ArrayList<>();
    private String master;
    private int masterUi;
    private List<String> flags;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private List<String> java(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(Arrays.asList(args));
        return command;
    }

    private Process start(List<String> command, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // the worker builds executor class paths from SPARK_HOME/jars: an empty home, the class path comes
        // from spark.executor.extraClassPath (the build's own jars, as a cluster's SPARK_HOME/jars would)
        builder.environment().put("SPARK_HOME", root.resolve("spark-home").toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = builder.start();
        cluster.add(p);
        return p;
    }

    /** The master's state as its web UI serves it (workers, applications), as JSON text. */
    private String masterState() {
        try {
            return new String(java.net.URI.create("http://127.0.0.1:" + masterUi + "/json/").toURL().openStream()
                    .readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void waitForMaster(String text, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (!masterState().contains(text)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for '" + text + "' from the master: " + masterState()
                        + "\n" + log + ":\n" + (Files.exists(log) ? Files.readString(log) : "(no log)"));
            }
            Thread.sleep(200);
        }
    }

    @BeforeAll
    void startMasterAndWorker() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/org/darkfigure/pipeline/jvm.flags")) {
            flags = Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+"))
                    .filter(s -> !s.isBlank()).toList();
        }
        Path home = Files.createDirectories(root.resolve("spark-home").resolve("jars"));
        Files.writeString(home.getParent().resolve("RELEASE"), "darkfigure test cluster\n");
        int port = freePort();
        master = "spark://127.0.0.1:" + port;
        masterUi = freePort();
        Path masterLog = root.resolve("master.log");
        start(java("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--webui-port", Integer.toString(masterUi)), masterLog);
        waitForMaster("\"status\" : \"ALIVE\"", masterLog);
        for (int w = 1; w <= 2; w++) {
            Path workerLog = root.resolve("worker-" + w + ".log");
            start(java("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory", "2g",
                    "--webui-port", Integer.toString(freePort()), "--work-dir", root.resolve("work-" + w).toString(), master),
                    workerLog);
            waitForMaster("\"aliveworkers\" : " + w, workerLog);
        }
    }

    @AfterAll
    void stopCluster() throws InterruptedException {
        for (Process p : cluster) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_release_made_on_local_is_reproduced_exactly_on_the_cluster() throws Exception {
        Scenario scenario = Scenario.withDefaults().withCountries(List.of("IDN", "MYS")).withYears(2023, 1)
                .withMeanPopulation(400);
        SparkSession local = SparkSessions.start("local[2]", "cluster-test-local", 4);
        ReleaseManifest release;
        try {
            RunManifest run = StagedWorld.stage(local, scenario, root, "20261128T130000Z-c1c1");
            release = PipelineJob.run(local, new Storage(local.sparkContext().hadoopConfiguration()), run,
                    new Progress(new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)));
        } finally {
            local.stop();
        }

        List<String> command = new ArrayList<>(java("org.darkfigure.jobs.Main", "reproduce", release.releaseId(),
                "--data", root.resolve("data").toString(), "--master", master));
        command.add(1, "-Dspark.executor.extraClassPath=" + System.getProperty("java.class.path"));
        command.add(1, "-Dspark.cores.max=2");
        Path driverLog = root.resolve("driver.log");
        Process driver = start(command, driverLog);
        assertTrue(driver.waitFor(300, TimeUnit.SECONDS), "the cluster run did not finish in 5 minutes");
        String out = Files.readString(driverLog);
        assertEquals(0, driver.exitValue(), out);
        assertTrue(out.contains("reproduced " + release.releaseId() + " exactly: 2 strata"), out);
        assertTrue(masterState().contains("darkfigure-reproduce"), "the run went through the standalone master");
        for (int w = 1; w <= 2; w++) {
            try (var executors = Files.walk(root.resolve("work-" + w))) {
                assertTrue(executors.anyMatch(p -> p.getFileName().toString().equals("stderr")),
                        "an executor ran in worker " + w + "'s own JVM");
            }
        }
    }
}
