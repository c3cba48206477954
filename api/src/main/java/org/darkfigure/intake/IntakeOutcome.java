package org.darkfigure.intake;

import org.darkfigure.registry.Submission;
import org.darkfigure.validate.ValidationReport;

/** What became of an upload: accepted (newly, or the same bytes again), or refused with its report. */
public sealed interface IntakeOutcome {

    ValidationReport report();

    record Accepted(Submission submission, ValidationReport report, boolean alreadyReceived) implements IntakeOutcome {
    }

    record Refused(ValidationReport report) implements IntakeOutcome {
    }
}
