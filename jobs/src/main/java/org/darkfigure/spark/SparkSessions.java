package org.darkfigure.spark;

import org.apache.spark.sql.SparkSession;

/** Builds the Spark session the same way for the CLI, tests and benchmarks. */
public final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * A session on {@code master}. Local masters bind to loopback (this machine's external address
     * is not reachable) and use few shuffle partitions; a cluster master keeps Spark's defaults
     * unless spark-submit sets them.
     */
    public static SparkSession start(String master, String appName, int shufflePartitions) {
        SparkSession.Builder builder = SparkSession.builder()
                .appName(appName)
                .master(master)
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions))
                .config("spark.ui.enabled", System.getProperty("darkfigure.spark.ui", "false"))
                .config("spark.sql.adaptive.enabled", "true");
        if (master.startsWith("local") || master.startsWith("spark://127.0.0.1")) {
            builder.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
        }
        return builder.getOrCreate();
    }
}
