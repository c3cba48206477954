package org.darkfigure.spark;

import org.apache.spark.sql.SparkSession;
import org.darkfigure.manifest.RunParameters;

/**
 * What every stage of a run is given: the Spark session, the storage, the release's working folder (where
 * every stage writes) and the run's identity and parameters.
 */
public record StageContext(SparkSession spark, Storage storage, String working, String releaseId,
                           RunParameters parameters) {

    /** A path inside the working folder, qualified for Spark. */
    public String path(String relative) {
        return Storage.qualify(working + "/" + relative);
    }
}
