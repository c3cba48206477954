package org.darkfigure.spark;

import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.darkfigure.manifest.ProgressEvent;
import org.darkfigure.manifest.RunParameters;

/**
 * What every stage of a run is given: the Spark session, the storage, the release's working folder (where
 * every stage writes), the run's identity and parameters, and where to report progress within a stage.
 */
public record StageContext(SparkSession spark, Storage storage, String working, String releaseId,
                           RunParameters parameters, Consumer<ProgressEvent> progress) {

    public StageContext(SparkSession spark, Storage storage, String working, String releaseId, RunParameters parameters) {
        this(spark, storage, working, releaseId, parameters, event -> { });
    }

    /** A path inside the working folder, qualified for Spark. */
    public String path(String relative) {
        return Storage.qualify(working + "/" + relative);
    }

    /** Reports what {@code stage} is doing now, counted where it can be ({@code count} may be null). */
    public void within(String stage, String detail, Long count, Long total, String unit) {
        progress.accept(ProgressEvent.within(stage, detail, count, total, unit));
    }
}
