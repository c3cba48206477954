package org.darkfigure.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.darkfigure.registry.Submission;
import org.darkfigure.validate.ValidationReport;

/** How the API shows a submission and a validation report. */
final class SubmissionJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SubmissionJson() {
    }

    static ObjectNode of(Submission s, boolean withReport) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", s.id());
        n.put("status", s.status().name().toLowerCase(java.util.Locale.ROOT));
        n.put("country", s.country());
        n.put("source", s.source());
        n.put("recordType", s.recordType());
        n.put("schemaVersion", s.schemaVersion());
        n.put("period", s.period());
        n.put("revision", s.revision());
        n.put("supersededBy", s.supersededBy());
        n.put("sha256", s.sha256());
        n.put("bytes", s.bytes());
        n.put("rows", s.rows());
        n.put("format", s.format());
        n.put("receivedAt", s.receivedAt().toString());
        if (withReport) {
            try {
                n.set("report", JSON.readTree(s.reportJson()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored report of " + s.id() + " is not JSON", e);
            }
        }
        return n;
    }

    static ObjectNode report(ValidationReport report) {
        ObjectNode n = JSON.valueToTree(report);
        n.put("accepted", report.accepted());
        return n;
    }
}
