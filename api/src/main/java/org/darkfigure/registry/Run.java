package org.darkfigure.registry;

import java.time.OffsetDateTime;

/** A pipeline run as the registry records it: status, current stage and progress, outcome. */
public record Run(String id, RunStatus status, String stage, int stagesDone, int stagesTotal, int inputs, long seed,
                  String releaseId, String message, String manifestPath, String logPath, OffsetDateTime createdAt,
                  OffsetDateTime finishedAt) {
}
