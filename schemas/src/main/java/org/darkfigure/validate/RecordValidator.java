package org.darkfigure.validate;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.darkfigure.codes.CodeList;
import org.darkfigure.read.CsvRowReader;
import org.darkfigure.read.RawRecord;
import org.darkfigure.standard.CrossCheck;
import org.darkfigure.standard.FieldSpec;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Standard;
import org.darkfigure.validate.ManifestCheck;

/**
 * Validates the records of one submission against its record type and manifest, row by row, in
 * bounded memory. Every finding goes to the report collector; each accepted row comes back as
 * typed values in the record type's field order (String, Integer, Double, LocalDate), followed, for
 * a record type with list columns, by the list names and the 0/1 pattern.
 *
 * <p>Values are trimmed; an empty value is missing. Codes are matched ignoring case and stored upper
 * case. Optional columns may be left out of the header; required ones may not.
 */
public final class RecordValidator implements AutoCloseable {

    private static final int MAX_SHOWN_VALUE = 200;
    /** Column names that would carry clear identifiers (compared in lower case without separators). */
    private static final Set<String> CLEAR_IDENTIFIERS = Set.of("name", "fullname", "givenname", "firstname",
            "familyname", "lastname", "surname", "middlename", "dateofbirth", "dob", "birthdate", "documentnumber",
            "passportnumber", "passportno", "passport", "idnumber", "nationalid", "socsecid", "placeofbirth",
            "birthplace", "phone", "phonenumber", "email", "address");

    private final RecordType type;
    private final ManifestCheck.Checked manifest;
    private final ValidationReport.Collector report;
    private final CodeList[] codeLists;
    private final java.util.function.Predicate<String>[] matchers;
    private final SeenValues[] seen;
    /** Each integer field's bounds, unboxed once (boxing them per value was a gigabyte of garbage at 10M rows). */
    private final long[] minimum;
    private final long[] maximum;
    private final Map<String, Integer> fieldIndex = new HashMap<>();
    /**
     * Per code field, its accepted values mapped to one shared instance each: the national profile's codes, then the
     * standard's (null for other fields). A row's code is returned as that instance, so that the values handed on
     * (to the Parquet writer's cache of encoded values) are a handful of objects, not a new string per row.
     */
    private final Map<String, String>[] nationalCodes;
    private final Map<String, String>[] standardCodes;
    private final boolean[] nationalOnly;
    /** Per cross-check of the record type, the field index of each of its fields. */
    private final int[][] checkFields;
    private int[] fileColumnOfField;
    private int[] listColumns = new int[0];
    private List<String> listNames = List.of();
    private final Set<String> stratumPatterns = new HashSet<>();
    private int headerWidth;

    public RecordValidator(Standard standard, ManifestCheck.Checked manifest, ValidationReport.Collector report) {
        this(standard, manifest, report, null);
    }

    /**
     * A validator that may spill the values of unique columns to {@code workDirectory} (so memory stays
     * bounded for any number of rows); call {@link #finish} after the last row, then {@link #close}.
     */
    public RecordValidator(Standard standard, ManifestCheck.Checked manifest, ValidationReport.Collector report,
                           java.nio.file.Path workDirectory) {
        this.type = manifest.recordType();
        this.manifest = manifest;
        this.report = report;
        List<FieldSpec> fields = type.fields();
        this.codeLists = new CodeList[fields.size()];
        this.seen = new SeenValues[fields.size()];
        @SuppressWarnings("unchecked")
        Map<String, String>[] national = new Map[fields.size()];
        @SuppressWarnings("unchecked")
        Map<String, String>[] standardCodes = new Map[fields.size()];
        this.nationalCodes = national;
        this.standardCodes = standardCodes;
        this.nationalOnly = new boolean[fields.size()];
        this.minimum = new long[fields.size()];
        this.maximum = new long[fields.size()];
        @SuppressWarnings("unchecked")
        java.util.function.Predicate<String>[] compiled = new java.util.function.Predicate[fields.size()];
        this.matchers = compiled;
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec f = fields.get(i);
            codeLists[i] = f.codeList().map(standard::requireCodeList).orElse(null);
            matchers[i] = f.pattern().map(ValueMatcher::of).orElse(null);
            seen[i] = f.unique() ? new SeenValues(SeenValues.DEFAULT_IN_MEMORY, workDirectory) : null;
            fieldIndex.put(f.name(), i);
            minimum[i] = f.min().orElse((long) Integer.MIN_VALUE);
            maximum[i] = f.max().orElse((long) Integer.MAX_VALUE);
            if (codeLists[i] != null) {
                standardCodes[i] = shared(codeLists[i].labels().keySet());
                int at = i;
                manifest.profile().mapping(f.name()).ifPresent(m -> {
                    nationalCodes[at] = shared(m.codes().keySet());
                    nationalOnly[at] = m.nationalOnly();
                });
            }
        }
        checkFields = type.checks().stream()
                .map(c -> c.fields().stream().mapToInt(name -> fieldIndex.get(name)).toArray())
                .toArray(int[][]::new);
    }

    private static Map<String, String> shared(java.util.Collection<String> codes) {
        Map<String, String> map = new java.util.LinkedHashMap<>(); // in the declared order, as messages list them
        codes.forEach(c -> map.put(c, c));
        return map;
    }

    public RecordType recordType() {
        return type;
    }

    /** The list names of a capture-history table's header (empty for other record types). */
    public List<String> lists() {
        return listNames;
    }

    /** Per field of the record type, whether the header has its column (after {@link #acceptHeader}). */
    public boolean[] fieldsInFile() {
        if (fileColumnOfField == null) {
            throw new IllegalStateException("acceptHeader must come before fieldsInFile");
        }
        boolean[] present = new boolean[fileColumnOfField.length];
        for (int i = 0; i < present.length; i++) {
            present[i] = fileColumnOfField[i] >= 0;
        }
        return present;
    }

    /** Maps the header row onto the fields; false when it is unusable (the problems are reported). */
    public boolean acceptHeader(RawRecord header) {
        long errorsBefore = report.errors();
        structuralDefect(header);
        Map<String, Integer> position = new HashMap<>();
        List<Integer> lists = new ArrayList<>();
        List<String> names = new ArrayList<>();
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
            } else if (type.field(name).isPresent()) {
                continue;
            } else if (type.listColumns().isPresent() && type.listColumns().get().matches(name)) {
                lists.add(c);
                names.add(name.substring(type.listColumns().get().prefix().length()));
            } else if (CLEAR_IDENTIFIERS.contains(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", ""))) {
                report.add(Problem.of(header.number(), name, name, Rule.CLEAR_IDENTIFIER_COLUMN,
                        "column '" + name + "' would carry a clear identifier; the platform never accepts one"));
            } else {
                report.add(Problem.of(header.number(), name.isEmpty() ? "(column " + (c + 1) + ")" : name, shown(name),
                        Rule.HEADER_UNKNOWN_COLUMN, unknownColumnMessage(name, c)));
            }
        }
        fileColumnOfField = new int[type.fields().size()];
        for (int i = 0; i < type.fields().size(); i++) {
            FieldSpec f = type.fields().get(i);
            Integer at = position.get(f.name());
            fileColumnOfField[i] = at == null ? -1 : at;
            if (at == null && f.required()) {
                report.add(Problem.of(header.number(), f.name(), null, Rule.HEADER_MISSING_COLUMN,
                        "the header has no column '" + f.name() + "', which is required (the file's columns are "
                                + String.join(", ", header.values()) + ")"));
            }
        }
        type.listColumns().ifPresent(l -> {
            if (names.size() < l.min() || names.size() > l.max()) {
                report.add(Problem.of(header.number(), null, null, Rule.HEADER_TOO_FEW_LISTS,
                        "the header has " + names.size() + " list columns (" + l.prefix() + "<source id>); between "
                                + l.min() + " and " + l.max() + " are needed"));
            }
        });
        listColumns = lists.stream().mapToInt(Integer::intValue).toArray();
        listNames = List.copyOf(names);
        headerWidth = header.size();
        return report.errors() == errorsBefore;
    }

    private String unknownColumnMessage(String name, int index) {
        String base = "column " + (index + 1) + " '" + name + "' is not a column of " + type.label();
        String lower = name.toLowerCase(Locale.ROOT).trim().replace(' ', '_');
        return type.fields().stream().map(FieldSpec::name).filter(n -> n.equals(lower)).findFirst()
                .map(n -> base + "; did you mean '" + n + "'?")
                .orElse(base + "; its columns are " + String.join(", ", type.columnNames()));
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
        boolean hasLists = type.listColumns().isPresent();
        Object[] typed = new Object[fields.size() + (hasLists ? 2 : 0)];
        for (int i = 0; i < fields.size(); i++) {
            int c = fileColumnOfField[i];
            if (c >= 0) {
                typed[i] = value(row, fields.get(i), i, c);
            }
        }
        if (hasLists) {
            typed[fields.size()] = listNames;
            typed[fields.size() + 1] = pattern(row);
        }
        if (report.errors() == errorsBefore) {
            for (int c = 0; c < checkFields.length; c++) {
                crossCheck(row.number(), type.checks().get(c), checkFields[c], typed);
            }
        }
        return report.errors() == errorsBefore ? typed : null;
    }

    private String pattern(RawRecord row) {
        StringBuilder pattern = new StringBuilder(listColumns.length);
        for (int i = 0; i < listColumns.length; i++) {
            String v = row.values()[listColumns[i]].trim();
            if (v.equals("0") || v.equals("1")) {
                pattern.append(v);
            } else {
                String column = type.listColumns().orElseThrow().prefix() + listNames.get(i);
                report.add(Problem.of(row.number(), column, shown(v), Rule.LIST_VALUE_NOT_0_1,
                        column + " is '" + shown(v) + "'; list columns hold 0 or 1"));
                pattern.append('?');
            }
        }
        return pattern.toString();
    }

    /** {@code at}: the field index of each of the check's fields. */
    private void crossCheck(long r, CrossCheck check, int[] at, Object[] typed) {
        List<String> f = check.fields();
        switch (check.kind()) {
            case AGE_BAND_MATCHES_BIRTH_YEAR -> {
                Object birth = typed[at[0]];
                Object band = typed[at[1]];
                Object date = typed[at[2]];
                if (birth instanceof Integer year && band instanceof String national && date instanceof LocalDate d) {
                    String code = standardCode(f.get(1), national);
                    int[] range = codeLists[at[1]].ranges().get(code);
                    int age = d.getYear() - year;
                    // only the birth year is known: the age is age or age - 1
                    if (range != null && (age < range[0] || age - 1 > range[1])) {
                        report.add(Problem.of(r, f.get(1), code, Rule.AGE_BAND_MISMATCH, f.get(1) + " " + code
                                + " does not fit " + f.get(0) + " " + year + " (age " + (age - 1) + " or " + age
                                + " on " + d + ")"));
                    }
                }
            }
            case SUM_NOT_GREATER -> {
                Object total = typed[at[f.size() - 1]];
                long sum = 0;
                List<String> parts = f.subList(0, f.size() - 1);
                for (int i = 0; i < parts.size(); i++) {
                    if (typed[at[i]] instanceof Integer v) {
                        sum += v;
                    }
                }
                if (total instanceof Integer t && sum > t) {
                    report.add(Problem.of(r, f.get(f.size() - 1), t.toString(), Rule.SUM_EXCEEDS_TOTAL,
                            String.join(" + ", parts) + " = " + sum + " is more than " + f.get(f.size() - 1) + " = " + t));
                }
            }
            case BOTH_OR_NEITHER -> {
                boolean a = typed[at[0]] != null;
                boolean b = typed[at[1]] != null;
                if (a != b) {
                    String missing = a ? f.get(1) : f.get(0);
                    report.add(Problem.of(r, missing, "", Rule.INCOMPLETE_PAIR,
                            missing + " is empty but " + (a ? f.get(0) : f.get(1)) + " is given"));
                }
            }
            case ONLY_WHEN -> {
                Object value = typed[at[0]];
                Object condition = typed[at[1]];
                if (condition instanceof String c) {
                    condition = standardCode(f.get(1), c);
                }
                if (value != null && !check.values().contains(String.valueOf(condition))) {
                    report.add(Problem.of(r, f.get(0), String.valueOf(value), Rule.NOT_APPLICABLE,
                            f.get(0) + " is given but " + f.get(1) + " is " + condition + ", not " + String.join(" or ",
                                    check.values())));
                }
            }
            case PATTERN_NOT_EMPTY -> {
                String pattern = (String) typed[type.fields().size() + 1];
                if (!pattern.contains("1")) {
                    report.add(Problem.of(r, null, pattern, Rule.PATTERN_EMPTY,
                            "the row's lists are all 0"));
                }
            }
            case PATTERN_UNIQUE_IN_STRATUM -> {
                StringBuilder key = new StringBuilder();
                for (int i : at) {
                    key.append(typed[i]).append('|');
                }
                String pattern = (String) typed[type.fields().size() + 1];
                if (!stratumPatterns.add(key + pattern)) {
                    report.add(Problem.of(r, null, pattern, Rule.PATTERN_DUPLICATE,
                            "pattern " + pattern + " appears more than once for the stratum " + key));
                }
            }
            default -> throw new IllegalStateException(check.kind().name());
        }
    }

    /** Reports the repeats of unique columns that only the spilled values reveal; call after the last row. */
    public void finish() {
        for (int i = 0; i < seen.length; i++) {
            if (seen[i] != null) {
                String name = type.fields().get(i).name();
                for (long row : seen[i].finish()) {
                    report.add(Problem.of(row, name, null, Rule.DUPLICATE_VALUE,
                            name + " of row " + row + " repeats the value of an earlier row"));
                }
            }
        }
    }

    @Override
    public void close() {
        for (SeenValues s : seen) {
            if (s != null) {
                s.close();
            }
        }
    }

    /** The standard code a (possibly national) code value stands for. */
    private String standardCode(String field, String value) {
        return manifest.profile().mapping(field).flatMap(m -> m.standardCode(value)).orElse(value);
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
                    row.detail() != null ? row.detail() : "the value in column " + (row.defectColumn() + 1)
                            + " is longer than " + CsvRowReader.DEFAULT_MAX_FIELD_BYTES + " bytes"));
            case TOO_MANY_FIELDS -> report.add(Problem.of(row.number(), null, null, Rule.FIELD_TOO_LARGE,
                    "the row has more than " + row.defectColumn() + " values"));
            case NOT_A_RECORD -> report.add(Problem.of(row.number(), null, null, Rule.MALFORMED_RECORD, row.detail()));
            case NESTED_VALUE -> report.add(Problem.of(row.number(), row.detail(), null, Rule.MALFORMED_RECORD,
                    "the value of '" + row.detail() + "' is a nested object or array"));
            case UNKNOWN_FIELD -> report.add(Problem.of(row.number(), row.detail(), null, Rule.HEADER_UNKNOWN_COLUMN,
                    "'" + row.detail() + "' is not a column of " + type.label() + "; its columns are "
                            + String.join(", ", type.columnNames())));
            default -> throw new IllegalStateException(row.defect().name());
        }
        return true;
    }

    private Object value(RawRecord row, FieldSpec f, int fieldIndex, int column) {
        long r = row.number();
        int control = row.controlFree() ? -1 : controlCharacter(row.values()[column]);
        if (control >= 0) { // before trimming: trim() would silently drop a NUL at either end (issue 17)
            report.add(Problem.of(r, f.name(), shown(row.values()[column].replaceAll("\\p{Cc}", "?")),
                    Rule.CONTROL_CHARACTER, f.name() + " holds the control character U+"
                            + String.format(Locale.ROOT, "%04X", control) + " (shown as ?)"));
            return null;
        }
        String raw = row.values()[column].trim();
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
            case STRING -> string(r, f, raw, matchers[fieldIndex]);
            case INTEGER -> integer(r, f, raw, minimum[fieldIndex], maximum[fieldIndex]);
            case DECIMAL -> decimal(r, f, raw);
            case DATE -> date(r, f, raw);
            case CODE -> code(r, f, raw, fieldIndex);
        };
        if (value == null) {
            return null;
        }
        if (f.mustEqualManifest().isPresent()) {
            var attribute = f.mustEqualManifest().get();
            String declared = switch (attribute) {
                case COUNTRY -> manifest.manifest().country();
                case SOURCE -> manifest.manifest().source();
            };
            if (!declared.equals(value)) {
                report.add(Problem.of(r, f.name(), shown(raw), Rule.DIFFERS_FROM_MANIFEST,
                        f.name() + " is '" + raw + "' but the submission declares "
                                + attribute.name().toLowerCase(Locale.ROOT) + " '" + declared + "'"));
            } else {
                value = declared; // the one instance for every row (see nationalCodes)
            }
        }
        if (seen[fieldIndex] != null && !seen[fieldIndex].add(value.toString(), r)) {
            report.add(Problem.of(r, f.name(), shown(raw), Rule.DUPLICATE_VALUE,
                    f.name() + " '" + raw + "' appears more than once in the file"));
        }
        return value;
    }

    /** The first control character other than tab and line breaks (which quoted text may hold), or -1. */
    private static int controlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return c;
            }
        }
        return -1;
    }

    private String string(long r, FieldSpec f, String raw, java.util.function.Predicate<String> matcher) {
        if (f.maxLength().isPresent() && raw.length() > f.maxLength().get()) {
            report.add(Problem.of(r, f.name(), shown(raw), Rule.TOO_LONG,
                    f.name() + " has " + raw.length() + " characters; at most " + f.maxLength().get() + " allowed"));
            return null;
        }
        if (matcher != null && !matcher.test(raw)) {
            report.add(Problem.of(r, f.name(), shown(raw), Rule.PATTERN_MISMATCH,
                    f.name() + " '" + shown(raw) + "' does not match the pattern " + f.pattern().get().pattern()));
            return null;
        }
        if (f.bloomEncoding() && !org.darkfigure.pseudonymise.BloomEncoding.current(raw)) {
            report.add(Problem.of(r, f.name(), shown(raw), Rule.ENCODING_OUTDATED, f.name() + " is not an encoding of the "
                    + "current pseudonymiser (version " + org.darkfigure.pseudonymise.BloomEncoding.VERSION + ")"));
            return null;
        }
        // keyed linkage fields are base64url made by the platform's own pseudonymiser: a leading "-" is no formula
        if ("=+-@".indexOf(raw.charAt(0)) >= 0 && !f.hasRole(org.darkfigure.standard.Role.LK)) {
            report.add(Problem.of(r, f.name(), shown(raw), Rule.FORMULA_LIKE_VALUE,
                    f.name() + " '" + shown(raw) + "' starts like a spreadsheet formula"));
        }
        return raw;
    }

    private static boolean digits(String s) {
        int start = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
        if (s.length() == start || s.length() - start > 10) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private Integer integer(long r, FieldSpec f, String raw, long min, long max) {
        if (!digits(raw)) {
            report.add(Problem.of(r, f.name(), shown(raw), Rule.NOT_AN_INTEGER,
                    f.name() + " '" + shown(raw) + "' is not a whole number"));
            return null;
        }
        long v = Long.parseLong(raw);
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
        if (f.withinPeriodYear() && (v < manifest.period().start().getYear() || v > manifest.period().end().getYear())) {
            report.add(Problem.of(r, f.name(), raw, Rule.YEAR_OUTSIDE_PERIOD,
                    f.name() + " " + v + " is outside the reporting period " + manifest.period()));
            return null;
        }
        // years and counts: the boxes of 0..4095 are made once (Integer.valueOf keeps only -128..127)
        return v >= 0 && v < SMALL_INTEGERS.length ? SMALL_INTEGERS[(int) v] : Integer.valueOf((int) v);
    }

    private static final Integer[] SMALL_INTEGERS = java.util.stream.IntStream.range(0, 4096).boxed()
            .toArray(Integer[]::new);

    /** Compiled once: {@code String.matches} compiles its pattern on every call. */
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

    private Double decimal(long r, FieldSpec f, String raw) {
        double v;
        try {
            if (!DECIMAL.matcher(raw).matches()) {
                throw new NumberFormatException();
            }
            v = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            report.add(Problem.of(r, f.name(), shown(raw), Rule.NOT_A_NUMBER,
                    f.name() + " '" + shown(raw) + "' is not a decimal number"));
            return null;
        }
        if (f.min().isPresent() && v < f.min().get() || f.max().isPresent() && v > f.max().get()) {
            report.add(Problem.of(r, f.name(), raw, Rule.OUT_OF_RANGE,
                    f.name() + " " + raw + " is outside " + f.min().orElse(null) + ".." + f.max().orElse(null)));
            return null;
        }
        return v;
    }

    private LocalDate date(long r, FieldSpec f, String raw) {
        LocalDate d;
        try {
            d = isoDate(raw);
        } catch (java.time.DateTimeException e) {
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

    /** YYYY-MM-DD exactly (no sign, no more digits), as a calendar date. */
    private static LocalDate isoDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            throw new DateTimeParseException("not YYYY-MM-DD", s, 0);
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            throw new DateTimeParseException("not YYYY-MM-DD", s, 0);
        }
        return LocalDate.of(year, month, day);
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** A national code (kept as written, mapped later by the harmonise stage) or a standard code (upper case). */
    private String code(long r, FieldSpec f, String raw, int fieldIndex) {
        Map<String, String> national = nationalCodes[fieldIndex];
        if (national != null) {
            String code = national.get(raw);
            if (code != null) {
                return code;
            }
            if (nationalOnly[fieldIndex]) {
                report.add(Problem.of(r, f.name(), shown(raw), Rule.CODE_NOT_IN_LIST, f.name() + " '" + shown(raw)
                        + "' is not in " + manifest.manifest().country() + "'s national code list (profile v"
                        + manifest.profile().version() + "): " + String.join(", ", national.keySet())));
                return null;
            }
        }
        Map<String, String> standard = standardCodes[fieldIndex];
        String code = standard.get(raw);
        if (code == null) {
            code = standard.get(raw.toUpperCase(Locale.ROOT));
        }
        if (code == null) {
            CodeList list = codeLists[fieldIndex];
            report.add(Problem.of(r, f.name(), shown(raw), Rule.CODE_NOT_IN_LIST,
                    f.name() + " '" + shown(raw) + "' is not in the code list " + list.name() + " (" + list.title() + ")"
                            + (list.size() <= 12 ? "; allowed: " + String.join(", ", list.labels().keySet()) : "")
                            + (national == null ? "" : " or the national codes " + String.join(", ", national.keySet()))));
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
}
