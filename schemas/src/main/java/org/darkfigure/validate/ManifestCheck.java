package org.darkfigure.validate;

import org.darkfigure.submission.SubmissionManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.darkfigure.profile.NationalProfile;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.ReportingPeriod;
import org.darkfigure.standard.Standard;
import org.darkfigure.validate.Problem;
import org.darkfigure.validate.Rule;

/** Checks a declared manifest against the standard; the result is either usable or a list of problems. */
public final class ManifestCheck {

    private static final Pattern SOURCE = NationalProfile.SOURCE_CODE;

    private ManifestCheck() {
    }

    /** A manifest that passed: its record type and period resolved, and the country's national profile. */
    public record Checked(SubmissionManifest manifest, RecordType recordType, ReportingPeriod period,
                          NationalProfile profile) {

        public Checked withProfile(NationalProfile value) {
            return new Checked(manifest, recordType, period, value);
        }

        /** The problem with the source, when the state has declared its sources and this is not one of them. */
        public Optional<Problem> undeclaredSource() {
            if (profile.acceptsSource(manifest.source())) {
                return Optional.empty();
            }
            List<String> known = new ArrayList<>();
            profile.sources().forEach((code, label) -> known.add(label.isEmpty() ? code : code + " (" + label + ")"));
            return Optional.of(Problem.of(null, "source", manifest.source(), Rule.SOURCE_NOT_DECLARED,
                    "source '" + manifest.source() + "' is not one of " + manifest.country() + "'s declared sources: "
                            + String.join(", ", known)));
        }
    }

    public record Result(Optional<Checked> checked, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public static Result check(Standard standard, SubmissionManifest m) {
        List<Problem> problems = new ArrayList<>();
        if (blank(m.country())) {
            problems.add(missing("country"));
        } else if (!standard.requireCodeList("iso3166_alpha3").contains(m.country())) {
            problems.add(Problem.of(null, "country", m.country(), Rule.MANIFEST_INVALID,
                    "country '" + m.country() + "' is not an ISO 3166-1 alpha-3 code (e.g. IDN, GRC)"));
        }
        if (blank(m.source())) {
            problems.add(missing("source"));
        } else if (!SOURCE.matcher(m.source()).matches()) {
            problems.add(Problem.of(null, "source", m.source(), Rule.MANIFEST_INVALID,
                    "source '" + m.source() + "' must be 1-32 upper-case letters, digits, '-' or '_' (e.g. IDN-POLICE)"));
        }
        Optional<ReportingPeriod> period = Optional.empty();
        if (blank(m.period())) {
            problems.add(missing("period"));
        } else {
            period = ReportingPeriod.parse(m.period());
            if (period.isEmpty()) {
                problems.add(Problem.of(null, "period", m.period(), Rule.MANIFEST_INVALID,
                        "period '" + m.period() + "' is not " + ReportingPeriod.EXPECTED));
            }
        }
        Optional<RecordType> type = Optional.empty();
        if (blank(m.recordType())) {
            problems.add(missing("recordType"));
        } else if (blank(m.schemaVersion())) {
            problems.add(missing("schemaVersion"));
        } else {
            Integer version = parseVersion(m.schemaVersion());
            if (version == null) {
                problems.add(Problem.of(null, "schemaVersion", m.schemaVersion(), Rule.MANIFEST_INVALID,
                        "schemaVersion '" + m.schemaVersion() + "' is not a version number such as 1"));
            } else {
                type = standard.recordType(m.recordType(), version);
                if (type.isEmpty()) {
                    List<String> known = standard.recordTypes().stream().map(RecordType::label).toList();
                    problems.add(Problem.of(null, "recordType", m.recordType() + " v" + version, Rule.MANIFEST_INVALID,
                            "record type '" + m.recordType() + "' at schema version " + version
                                    + " is not in the standard; known: " + String.join(", ", known)));
                }
            }
        }
        Optional<Checked> checked = problems.isEmpty()
                ? Optional.of(new Checked(m, type.orElseThrow(), period.orElseThrow(), NationalProfile.none(m.country())))
                : Optional.empty();
        return new Result(checked, List.copyOf(problems));
    }

    private static Integer parseVersion(String text) {
        String t = text.startsWith("v") ? text.substring(1) : text;
        try {
            int v = Integer.parseInt(t);
            return v > 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Problem missing(String attribute) {
        return Problem.of(null, attribute, null, Rule.MANIFEST_INVALID, "the submission does not declare its " + attribute);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
