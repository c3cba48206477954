package org.darkfigure.intake;

import org.darkfigure.registry.Submission;
import org.darkfigure.validate.ValidationReport;

/** What became of an upload: accepted (newly, or the same bytes again), or refused with its report. */
public sealed interface IntakeOutcome {

    ValidationReport report();

    record Accepted(Submission submission, ValidationReport report, boolean alreadyReceived) implements IntakeOutcome {
    }

    /** Refused; {@code record} is the registered attempt (absent when even the manifest was unusable). */
    record Refused(ValidationReport report, java.util.Optional<Submission> record) implements IntakeOutcome {
        public Refused(ValidationReport report) {
            this(report, java.util.Optional.empty());
        }
    }
}
