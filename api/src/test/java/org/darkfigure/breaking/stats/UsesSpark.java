package org.darkfigure.breaking.stats;

/** Breaks a rule on purpose (ArchitectureTest): Spark outside the Spark edge. */
public class UsesSpark {
    public org.apache.spark.sql.Dataset<?> rows;
}
