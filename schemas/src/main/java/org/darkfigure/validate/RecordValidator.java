package org.darkfigure.validate;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.darkfigure.codes.CodeList;
import org.darkfigure.read.RawRecord;
import org.darkfigure.standard.FieldSpec;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Standard;
import org.darkfigure.submission.ManifestCheck;

/**
 * Validates the records of one submission against its record type and manifest, row by row, in
 * bounded memory. Every finding goes to the report collector; each accepted row comes back as
 * typed values in the record type's field order (String, Integer, LocalDate).
 *
 * <p>Values are trimmed; an empty value is missing. Codes are matched ignoring case and stored
 * upper case.
 */
public final class RecordValidator {

    private static final int MAX_SHOWN_VALUE = 200;

    private final RecordType type;
    private final ManifestCheck.Checked manifest;
    private final ValidationReport.Collector report;
    private final CodeList[] codeLists;
    private final SeenValues[] seen;
    private int[] fileColumnOfField;
    private int headerWidth;

    public RecordValidator(Standard standard, ManifestCheck.Checked manifest, ValidationReport.Collector report) {
        this.type = manifest.recordType();
        this.manifest = manifest;
        this.report = report;
        List<FieldSpec> fields = type.fields();
        this.codeLists = new CodeList[fields.size()];
        this.seen = new SeenValues[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec f = fields.get(i);
            codeLists[i] = f.codeList().map(standard::requireCodeList).orElse(null);
            seen[i] = f.unique() ? new SeenValues() : null;
        }
    }

    public RecordType recordType() {
        return type;
    }

    /** Maps the header row onto the fields; false when it is unusable (the problems are reported). */
    public boolean acceptHeader(RawRecord header) {
        long errorsBefore = report.errors();
        structuralDefect(header);
        Map<String, Integer> position = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.values()[c].trim();
            if (header.badEncoding().get(c)) {
                report.add(Problem.of(header.number(), name, shown(name), Rule.ENCODING_NOT_UTF8,
                        "the header's column " + (c + 1) + " is not valid UTF-8"));
                continue;
            }
            if (position.putIfAbsent(name, c) != null) {
                report.add(Problem.of(header.number(), name, name, Rule.HEADER_DUPLICATE_COLUMN,
                        "column '" + name + "' appears more than once in the header (columns "
                                + (position.get(name) + 1) + " and " + (c + 1) + ")"));
            } else if (type.field(name).isEmpty()) {
                report.add(Problem.of(header.number(), name.isEmpty() ? "(column " + (c + 1) + ")" : name, shown(name),
                        Rule.HEADER_UNKNOWN_COLUMN, unknownColumnMessage(name, c)));
            }
        }
        fileColumnOfField = new int[type.fields().size()];
        for (int i = 0; i < type.fields().size(); i++) {
            FieldSpec f = type.fields().get(i);
            Integer at = position.get(f.name());
            fileColumnOfField[i] = at == null ? -1 : at;
            if (at == null) {
                report.add(Problem.of(header.number(), f.name(), null, Rule.HEADER_MISSING_COLUMN,
                        "the header has no column '" + f.name() + "' (" + (f.required() ? "required" : "optional")
                                + "; the file's columns are " + Arrays.toString(header.values()) + ")"));
            }
        }
        headerWidth = header.size();
        return report.errors() == errorsBefore;
    }

    private String unknownColumnMessage(String name, int index) {
        String base = "column " + (index + 1) + " '" + name + "' is not a column of " + type.label();
        String lower = name.toLowerCase(Locale.ROOT).replace(' ', '_');
        return type.fields().stream().map(FieldSpec::name).filter(n -> n.equals(lower)).findFirst()
                .map(n -> base + "; did you mean '" + n + "'?")
                .orElse(base + "; its columns are " + type.columnNames());
    }

    /** Validates one record; its typed values, or null when it has an error. */
    public Object[] acceptRow(RawRecord row) {
        if (fileColumnOfField == null) {
            throw new IllegalStateException("acceptHeader must come before acceptRow");
        }
        long errorsBefore = report.errors();
        if (structuralDefect(row)) {
            return null;
        }
        if (row.size() != headerWidth) {
            boolean tooMany = row.size() > headerWidth;
            report.add(Problem.of(row.number(), tooMany ? "(column " + (headerWidth + 1) + ")" : null,
                    tooMany ? shown(row.values()[headerWidth]) : null,
                    tooMany ? Rule.ROW_TOO_MANY_FIELDS : Rule.ROW_TOO_FEW_FIELDS,
                    "the row has " + row.size() + " values but the header has " + headerWidth + " columns"));
            return null;
        }
        List<FieldSpec> fields = type.fields();
        Object[] typed = new Object[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            int c = fileColumnOfField[i];
            if (c >= 0) {
                typed[i] = value(row, fields.get(i), i, c);
            }
        }
        return report.errors() == errorsBefore ? typed : null;
    }

    private boolean structuralDefect(RawRecord row) {
        if (row.defect() == RawRecord.Defect.NONE) {
            return false;
        }
        String column = row.defectColumn() < 0 ? null : "(column " + (row.defectColumn() + 1) + ")";
        switch (row.defect()) {
            case UNTERMINATED_QUOTE -> report.add(Problem.of(row.number(), column, null, Rule.MALFORMED_QUOTE,
                    "a quoted value in column " + (row.defectColumn() + 1) + " is never closed: the file ends inside it"));
            case TEXT_AFTER_QUOTE -> report.add(Problem.of(row.number(), column,
                    shown(row.values().length > row.defectColumn() ? row.values()[row.defectColumn()] : null),
                    Rule.MALFORMED_QUOTE,
                    "text follows the closing quote of the value in column " + (row.defectColumn() + 1)));
            case FIELD_TOO_LARGE -> report.add(Problem.of(row.number(), column, null, Rule.FIELD_TOO_LARGE,
                    "the value in column " + (row.defectColumn() + 1) + " is longer than "
                            + org.darkfigure.read.CsvRowReader.DEFAULT_MAX_FIELD_BYTES + " bytes"));
            case TOO_MANY_FIELDS -> report.add(Problem.of(row.number(), null, null, Rule.FIELD_TOO_LARGE,
                    "the row has more than " + row.defectColumn() + " values"));
            case NOT_A_RECORD -> report.add(Problem.of(row.number(), null, null, Rule.MALFORMED_RECORD, row.detail()));
            case NESTED_VALUE -> report.add(Problem.of(row.number(), row.detail(), null, Rule.MALFORMED_RECORD,
                    "the value of '" + row.detail() + "' is a nested object or array"));
            case UNKNOWN_FIELD -> report.add(Problem.of(row.number(), row.detail(), null, Rule.HEADER_UNKNOWN_COLUMN,
                    "'" + row.detail() + "' is not a column of " + type.label() + "; its columns are " + type.columnNames()));
            default -> throw new IllegalStateException(row.defect().name());
        }
        return true;
    }

    private Object value(RawRecord row, FieldSpec f, int fieldIndex, int column) {
        String raw = row.values()[column].trim();
        long r = row.number();
        if (row.badEncoding().get(column)) {
            report.add(Problem.of(r, f.name(), shown(raw), Rule.ENCODING_NOT_UTF8,
                    f.name() + " holds bytes that are not valid UTF-8"));
            return null;
        }
        if (raw.isEmpty()) {
            if (f.required()) {
                report.add(Problem.of(r, f.name(), "", Rule.REQUIRED_MISSING, f.name() + " is required but empty"));
            }
            return null;
        }
        Object value = switch (f.type()) {
            case STRING -> string(r, f, raw);
            case INTEGER -> integer(r, f, raw);
            case DATE -> date(r, f, raw);
            case CODE -> code(r, f, raw, codeLists[fieldIndex]);
        };
        if (value == null) {
            return null;
        }
        f.mustEqualManifest().ifPresent(attribute -> {
            String declared = switch (attribute) {
                case COUNTRY -> manifest.manifest().country();
                case SOURCE -> manifest.manifest().source();
            };
            if (!declared.equals(value)) {
                report.add(Problem.of(r, f.name(), shown(raw), Rule.DIFFERS_FROM_MANIFEST,
                        f.name() + " is '" + raw + "' but the submission declares " + attribute.name().toLowerCase(Locale.ROOT)
                                + " '" + declared + "'"));
            }
        });
        if (seen[fieldIndex] != null && !seen[fieldIndex].add(value.toString())) {
            report.add(Problem.of(r, f.name(), shown(raw), Rule.DUPLICATE_VALUE,
                    f.name() + " '" + raw + "' appears more than once in the file"));
        }
        return value;
    }

    private String string(long r, FieldSpec f, String raw) {
        if (f.maxLength().isPresent() && raw.length() > f.maxLength().get()) {
            report.add(Problem.of(r, f.name(), shown(raw), Rule.TOO_LONG,
                    f.name() + " has " + raw.length() + " characters; at most " + f.maxLength().get() + " allowed"));
            return null;
        }
        if (f.pattern().isPresent() && !f.pattern().get().matcher(raw).matches()) {
            report.add(Problem.of(r, f.name(), shown(raw), Rule.PATTERN_MISMATCH,
                    f.name() + " '" + shown(raw) + "' does not match the pattern " + f.pattern().get().pattern()));
            return null;
        }
        return raw;
    }

    private Integer integer(long r, FieldSpec f, String raw) {
        long v;
        try {
            if (!raw.matches("[+-]?\\d{1,10}")) {
                throw new NumberFormatException();
            }
            v = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            report.add(Problem.of(r, f.name(), shown(raw), Rule.NOT_AN_INTEGER,
                    f.name() + " '" + shown(raw) + "' is not a whole number"));
            return null;
        }
        long min = f.min().orElse((long) Integer.MIN_VALUE);
        long max = f.max().orElse((long) Integer.MAX_VALUE);
        if (v < min || v > max) {
            report.add(Problem.of(r, f.name(), raw, Rule.OUT_OF_RANGE,
                    f.name() + " " + v + " is outside " + min + ".." + max));
            return null;
        }
        if (f.notAfterPeriod() && v > manifest.period().end().getYear()) {
            report.add(Problem.of(r, f.name(), raw, Rule.YEAR_AFTER_PERIOD,
                    f.name() + " " + v + " lies after the reporting period " + manifest.period()));
            return null;
        }
        return (int) v;
    }

    private LocalDate date(long r, FieldSpec f, String raw) {
        LocalDate d;
        try {
            if (raw.length() != 10) {
                throw new DateTimeParseException("length", raw, 0);
            }
            d = LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            report.add(Problem.of(r, f.name(), shown(raw), Rule.NOT_A_DATE,
                    f.name() + " '" + shown(raw) + "' is not a calendar date in the form YYYY-MM-DD"));
            return null;
        }
        if (f.withinPeriod() && !manifest.period().contains(d)) {
            report.add(Problem.of(r, f.name(), raw, Rule.DATE_OUTSIDE_PERIOD,
                    f.name() + " " + raw + " is outside the reporting period " + manifest.period() + " ("
                            + manifest.period().start() + " to " + manifest.period().end() + ")"));
            return null;
        }
        return d;
    }

    private String code(long r, FieldSpec f, String raw, CodeList list) {
        String code = raw.toUpperCase(Locale.ROOT);
        if (!list.contains(code)) {
            report.add(Problem.of(r, f.name(), shown(raw), Rule.CODE_NOT_IN_LIST,
                    f.name() + " '" + shown(raw) + "' is not in the code list " + list.name() + " (" + list.title() + ")"
                            + (list.size() <= 12 ? "; allowed: " + String.join(", ", list.labels().keySet()) : "")));
            return null;
        }
        return code;
    }

    private static String shown(String value) {
        if (value == null) {
            return null;
        }
        return value.length() <= MAX_SHOWN_VALUE ? value : value.substring(0, MAX_SHOWN_VALUE) + "…";
    }

    /** The typed rows' columns, for writers: field names in order. */
    public List<String> columns() {
        return new ArrayList<>(type.columnNames());
    }
}
