package org.darkfigure.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Lines: one JSON object per line, scalar values only. The header is the record type's columns
 * plus any other keys of the first object (so unknown keys are reported like unknown CSV columns);
 * a key first seen later is a defect of its line. Missing keys and nulls are empty values. Record
 * numbers are line numbers; the header is record 0.
 */
public final class JsonLinesRowReader implements RowSource {

    private static final JsonFactory JSON = new JsonFactory();

    private final InputStream in;
    private final List<String> expected;
    private final int maxLineBytes;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private List<String> header;
    private Map<String, Integer> position;
    private RawRecord pendingFirst;
    private long line;
    private boolean headerServed;

    public JsonLinesRowReader(InputStream in, List<String> expectedColumns) {
        this(in, expectedColumns, CsvRowReader.DEFAULT_MAX_FIELD_BYTES * 4);
    }

    public JsonLinesRowReader(InputStream in, List<String> expectedColumns, int maxLineBytes) {
        this.in = in;
        this.expected = List.copyOf(expectedColumns);
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public RawRecord next() throws IOException {
        if (!headerServed) {
            headerServed = true;
            Map<String, String> first = null;
            RawRecord firstBroken = null;
            while (first == null && firstBroken == null) {
                byte[] bytes = readLine();
                if (bytes == null) {
                    break;
                }
                if (blank(bytes)) {
                    continue;
                }
                ParsedLine parsed = parse(bytes);
                if (parsed.broken != null) {
                    firstBroken = parsed.broken;
                } else {
                    first = parsed.values;
                }
            }
            header = new ArrayList<>(expected);
            if (first != null) {
                first.keySet().stream().filter(k -> !expected.contains(k)).forEach(header::add);
            }
            position = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                position.put(header.get(i), i);
            }
            if (first == null && firstBroken == null) {
                return null; // nothing at all: an empty file
            }
            pendingFirst = firstBroken != null ? firstBroken : toRecord(line, first);
            return new RawRecord(0, header.toArray(String[]::new), new BitSet(), RawRecord.Defect.NONE, -1);
        }
        if (pendingFirst != null) {
            RawRecord r = pendingFirst;
            pendingFirst = null;
            return r;
        }
        while (true) {
            byte[] bytes = readLine();
            if (bytes == null) {
                return null;
            }
            if (blank(bytes)) {
                continue;
            }
            ParsedLine parsed = parse(bytes);
            return parsed.broken != null ? parsed.broken : toRecord(line, parsed.values);
        }
    }

    private RawRecord toRecord(long number, Map<String, String> values) {
        String[] row = new String[header.size()];
        java.util.Arrays.fill(row, "");
        for (Map.Entry<String, String> e : values.entrySet()) {
            Integer at = position.get(e.getKey());
            if (at == null) {
                return RawRecord.broken(number, RawRecord.Defect.UNKNOWN_FIELD, e.getKey());
            }
            row[at] = e.getValue();
        }
        return new RawRecord(number, row, new BitSet(), RawRecord.Defect.NONE, -1);
    }

    private record ParsedLine(Map<String, String> values, RawRecord broken) {
    }

    private ParsedLine parse(byte[] bytes) throws IOException {
        if (bytes.length > maxLineBytes) {
            return new ParsedLine(null, RawRecord.broken(line, RawRecord.Defect.FIELD_TOO_LARGE,
                    "the line is longer than " + maxLineBytes + " bytes"));
        }
        String text;
        try {
            utf8.reset();
            text = utf8.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new ParsedLine(null, RawRecord.broken(line, RawRecord.Defect.NOT_A_RECORD, "the line is not valid UTF-8"));
        }
        Map<String, String> values = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new ParsedLine(null, RawRecord.broken(line, RawRecord.Defect.NOT_A_RECORD,
                        "the line is not a JSON object"));
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    return new ParsedLine(null, RawRecord.broken(line, RawRecord.Defect.NESTED_VALUE, key));
                }
                if (values.containsKey(key)) {
                    return new ParsedLine(null, RawRecord.broken(line, RawRecord.Defect.NOT_A_RECORD,
                            "the key '" + key + "' appears twice"));
                }
                values.put(key, v == JsonToken.VALUE_NULL ? "" : p.getText());
            }
            if (p.nextToken() != null) {
                return new ParsedLine(null, RawRecord.broken(line, RawRecord.Defect.NOT_A_RECORD,
                        "text follows the JSON object"));
            }
        } catch (JsonProcessingException e) {
            return new ParsedLine(null, RawRecord.broken(line, RawRecord.Defect.NOT_A_RECORD,
                    "the line is not valid JSON: " + e.getOriginalMessage()));
        }
        return new ParsedLine(values, null);
    }

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean atStart = true;

    /** The next line's bytes without its line end, or null at the end of input. Over-long lines are cut (and reported). */
    private byte[] readLine() throws IOException {
        buffer.reset();
        int b;
        boolean any = false;
        while ((b = in.read()) >= 0) {
            any = true;
            if (b == '\n') {
                break;
            }
            if (buffer.size() <= maxLineBytes) {
                buffer.write(b);
            }
        }
        if (!any) {
            return null;
        }
        line++;
        byte[] bytes = buffer.toByteArray();
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\r') {
            end--;
        }
        int start = 0;
        if (atStart && end >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            start = 3;
        }
        atStart = false;
        return java.util.Arrays.copyOfRange(bytes, start, end);
    }

    private static boolean blank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
