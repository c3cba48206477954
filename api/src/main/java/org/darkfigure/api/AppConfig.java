package org.darkfigure.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.darkfigure.runs.JobLauncher;

/**
 * The server's configuration, all from environment variables (see README, "Configuration"):
 * one place, with a default for each key so that a fresh clone runs without any.
 */
public record AppConfig(Path dataRoot, String databaseUrl, String databaseUser, String databasePassword, String host,
                        int port, long maxUploadBytes, long maxDecompressedBytes, String sparkMaster,
                        List<String> jobCommand, int authFailureLimit, int smallCellThreshold, int httpThreads,
                        Network network) {

    public static final String DATA = "DARKFIGURE_DATA";
    public static final String DB_URL = "DARKFIGURE_DB_URL";
    public static final String DB_USER = "DARKFIGURE_DB_USER";
    public static final String DB_PASSWORD = "DARKFIGURE_DB_PASSWORD";
    public static final String DB_PASSWORD_FILE = "DARKFIGURE_DB_PASSWORD_FILE";
    public static final String HOST = "DARKFIGURE_HOST";
    public static final String PORT = "DARKFIGURE_PORT";
    public static final String MAX_UPLOAD_BYTES = "DARKFIGURE_MAX_UPLOAD_BYTES";
    public static final String MAX_DECOMPRESSED_BYTES = "DARKFIGURE_MAX_DECOMPRESSED_BYTES";
    public static final String SPARK_MASTER = "DARKFIGURE_SPARK_MASTER";
    public static final String JOB_COMMAND = "DARKFIGURE_JOB_COMMAND";
    public static final String JOBS_CLASSPATH = "DARKFIGURE_JOBS_CLASSPATH";
    public static final String JOBS_JVM_OPTS = "DARKFIGURE_JOBS_JVM_OPTS";
    /** Failed sign-ins or unknown tokens per address within 5 minutes before it gets 429. */
    public static final String AUTH_FAILURES = "DARKFIGURE_AUTH_FAILURES";
    /** Published counts from 1 up to this (exclusive) are suppressed (the threshold rule). */
    public static final String SMALL_CELL = "DARKFIGURE_SMALL_CELL";
    /**
     * The server's request threads. Few on purpose: with Jetty's default (up to 200) a hundred clients on two
     * cores made every request wait behind the others and p99 latency tripled (bench/web).
     */
    public static final String HTTP_THREADS = "DARKFIGURE_HTTP_THREADS";

    /** Uploads received at once; more get 503 with Retry-After, so uploads never take the threads pages need. */
    public static final String MAX_UPLOADS = "DARKFIGURE_MAX_UPLOADS";
    /**
     * Addresses of reverse proxies whose X-Forwarded-For is believed (comma-separated); from any other peer
     * the header is ignored, so that a client cannot choose the address its failed attempts count against.
     */
    public static final String TRUSTED_PROXIES = "DARKFIGURE_TRUSTED_PROXIES";

    /** How the server meets the network: concurrent uploads and the proxies it trusts. */
    public record Network(int maxConcurrentUploads, java.util.Set<String> trustedProxies) {
        public Network {
            if (maxConcurrentUploads < 1) {
                throw new IllegalArgumentException(MAX_UPLOADS + " must be at least 1");
            }
            trustedProxies = java.util.Set.copyOf(trustedProxies);
        }
    }

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 2L * 1024 * 1024 * 1024;
    public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 4L * 1024 * 1024 * 1024;

    public AppConfig {
        dataRoot = dataRoot.toAbsolutePath().normalize();
        jobCommand = List.copyOf(jobCommand);
    }

    public static AppConfig fromEnvironment(Map<String, String> env) {
        Path data = Path.of(env.getOrDefault(DATA, "data"));
        String url = env.getOrDefault(DB_URL, defaultH2Url(data));
        String password = env.get(DB_PASSWORD);
        if (env.containsKey(DB_PASSWORD_FILE)) {
            try {
                password = Files.readString(Path.of(env.get(DB_PASSWORD_FILE))).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + DB_PASSWORD_FILE + ": " + e.getMessage());
            }
        }
        return new AppConfig(data, url, env.get(DB_USER), password, env.getOrDefault(HOST, "127.0.0.1"),
                intValue(env, PORT, 7070), longValue(env, MAX_UPLOAD_BYTES, DEFAULT_MAX_UPLOAD_BYTES),
                longValue(env, MAX_DECOMPRESSED_BYTES, DEFAULT_MAX_DECOMPRESSED_BYTES),
                env.getOrDefault(SPARK_MASTER, "local[*]"), jobCommand(env), intValue(env, AUTH_FAILURES, 10),
                intValue(env, SMALL_CELL, 5), intValue(env, HTTP_THREADS, 16),
                new Network(intValue(env, MAX_UPLOADS, 4), trustedProxies(env.get(TRUSTED_PROXIES))));
    }

    public AppConfig withAuthFailureLimit(int value) {
        return new AppConfig(dataRoot, databaseUrl, databaseUser, databasePassword, host, port, maxUploadBytes,
                maxDecompressedBytes, sparkMaster, jobCommand, value, smallCellThreshold, httpThreads, network);
    }

    /**
     * Embedded H2 in the data folder; AUTO_SERVER lets the CLI and the server share it. WRITE_DELAY=0 writes
     * each commit to the file at once: with H2's default (500 ms) a process killed right after answering
     * "201 Created" lost the submission (found by CrashSafetyTest).
     */
    public static String defaultH2Url(Path data) {
        return "jdbc:h2:file:" + data.toAbsolutePath().normalize().resolve("registry").resolve("darkfigure")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    public AppConfig withDataRoot(Path root) {
        return new AppConfig(root, defaultH2Url(root), databaseUser, databasePassword, host, port, maxUploadBytes,
                maxDecompressedBytes, sparkMaster, jobCommand, authFailureLimit, smallCellThreshold, httpThreads, network);
    }

    public AppConfig withDatabase(String url) {
        return new AppConfig(dataRoot, url, databaseUser, databasePassword, host, port, maxUploadBytes,
                maxDecompressedBytes, sparkMaster, jobCommand, authFailureLimit, smallCellThreshold, httpThreads, network);
    }

    public AppConfig withPort(int value) {
        return new AppConfig(dataRoot, databaseUrl, databaseUser, databasePassword, host, value, maxUploadBytes,
                maxDecompressedBytes, sparkMaster, jobCommand, authFailureLimit, smallCellThreshold, httpThreads, network);
    }

    public AppConfig withUploadLimits(long upload, long decompressed) {
        return new AppConfig(dataRoot, databaseUrl, databaseUser, databasePassword, host, port, upload, decompressed,
                sparkMaster, jobCommand, authFailureLimit, smallCellThreshold, httpThreads, network);
    }

    public AppConfig withSparkMaster(String value) {
        return new AppConfig(dataRoot, databaseUrl, databaseUser, databasePassword, host, port, maxUploadBytes,
                maxDecompressedBytes, value, jobCommand, authFailureLimit, smallCellThreshold, httpThreads, network);
    }

    public AppConfig withJobCommand(List<String> value) {
        return new AppConfig(dataRoot, databaseUrl, databaseUser, databasePassword, host, port, maxUploadBytes,
                maxDecompressedBytes, sparkMaster, value, authFailureLimit, smallCellThreshold, httpThreads, network);
    }

    public AppConfig withNetwork(Network value) {
        return new AppConfig(dataRoot, databaseUrl, databaseUser, databasePassword, host, port, maxUploadBytes,
                maxDecompressedBytes, sparkMaster, jobCommand, authFailureLimit, smallCellThreshold, httpThreads, value);
    }

    /** Never the database password (logs and error messages print configurations). */
    @Override
    public String toString() {
        return "AppConfig[data=" + dataRoot + ", database=" + databaseUrl + ", user=" + databaseUser + ", password="
                + (databasePassword == null ? "none" : "(set)") + ", host=" + host + ", port=" + port + ", uploads<="
                + maxUploadBytes + " B, sparkMaster=" + sparkMaster + ", threads=" + httpThreads + ", " + network + "]";
    }

    private static java.util.Set<String> trustedProxies(String list) {
        if (list == null || list.isBlank()) {
            return java.util.Set.of();
        }
        return Arrays.stream(list.split(",")).map(String::strip).filter(a -> !a.isEmpty()).collect(
                java.util.stream.Collectors.toUnmodifiableSet());
    }

    public JobLauncher jobLauncher() {
        return new JobLauncher(jobCommand);
    }

    private static List<String> jobCommand(Map<String, String> env) {
        if (env.containsKey(JOB_COMMAND)) {
            return Arrays.stream(env.get(JOB_COMMAND).trim().split("\\s+")).toList();
        }
        if (!env.containsKey(JOBS_CLASSPATH)) {
            return List.of();
        }
        List<String> flags = new ArrayList<>();
        String opts = env.getOrDefault(JOBS_JVM_OPTS, "");
        if (!opts.isBlank()) {
            flags.addAll(Arrays.asList(opts.trim().split("\\s+")));
        }
        return JobLauncher.java(env.get(JOBS_CLASSPATH), flags).commandPrefix();
    }

    private static int intValue(Map<String, String> env, String key, int fallback) {
        return (int) longValue(env, key, fallback);
    }

    private static long longValue(Map<String, String> env, String key, long fallback) {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'");
        }
    }
}
