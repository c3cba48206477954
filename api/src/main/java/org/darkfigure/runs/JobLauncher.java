package org.darkfigure.runs;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Starts a jobs command as a child process: locally {@code java ... org.darkfigure.jobs.Main}, on a
 * cluster {@code spark-submit ... jobs.jar}. The command prefix comes from configuration; the job's
 * arguments are appended. Its output goes to a log file line by line, and each line is handed to a
 * listener (the progress stream).
 */
public final class JobLauncher {

    private final List<String> commandPrefix;

    public JobLauncher(List<String> commandPrefix) {
        if (commandPrefix.isEmpty()) {
            throw new IllegalArgumentException("the job command is empty; set DARKFIGURE_JOBS_CLASSPATH or run through ./darkfigure");
        }
        this.commandPrefix = List.copyOf(commandPrefix);
    }

    /**
     * Spark's warnings that say nothing to an operator of this pipeline (issue 18, item 12: a run's log is read by
     * people): a window without partitions (the release's small per-stratum tables), a plan's string truncated, no
     * native Hadoop library. Silenced at the source for whichever SLF4J binding the job's class path picks (the
     * simple one prints them as "WARN WindowExec - ..."; log4j2's configuration is in the jobs module).
     */
    static final List<String> QUIET = List.of(
            "-Dorg.slf4j.simpleLogger.log.org.apache.spark.sql.execution.window.WindowExec=error",
            "-Dorg.slf4j.simpleLogger.log.org.apache.spark.util.SparkStringUtils=error",
            "-Dorg.slf4j.simpleLogger.log.org.apache.hadoop.util.NativeCodeLoader=error");

    /** A launcher running the jobs module's main class with this JVM's java, the given class path and JVM flags. */
    public static JobLauncher java(String classpath, List<String> jvmFlags) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(QUIET);
        command.add("-cp");
        command.add(classpath);
        command.add("org.darkfigure.jobs.Main");
        return new JobLauncher(command);
    }

    public List<String> commandPrefix() {
        return commandPrefix;
    }

    /** Runs the job to completion; returns its exit code. */
    public int run(List<String> args, Path log, Consumer<String> lines) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(commandPrefix);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
        // the job ends with this process (see PipelineJob): no orphan run publishing after a crash
        builder.environment().put(org.darkfigure.manifest.ProgressEvent.PARENT_PID, Long.toString(ProcessHandle.current().pid()));
        Files.createDirectories(log.getParent());
        Process process = builder.start();
        process.getOutputStream().close();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line; (line = out.readLine()) != null; ) {
                file.write(line);
                file.newLine();
                file.flush();
                lines.accept(line);
            }
        } finally {
            if (process.isAlive()) {
                process.destroy();
            }
        }
        return process.waitFor();
    }
}
