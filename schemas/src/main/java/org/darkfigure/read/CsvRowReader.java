package org.darkfigure.read;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * A streaming RFC 4180 reader that works on bytes and decodes each value as strict UTF-8, so an
 * encoding error is reported at its exact row and column instead of somewhere in a decoded chunk.
 * Accepts LF, CRLF and lone CR line ends and a leading UTF-8 byte-order mark. Blank lines are
 * skipped but counted, so record numbers match what a spreadsheet shows. Memory is bounded by
 * {@code maxFields} and {@code maxFieldBytes} whatever the input.
 */
public final class CsvRowReader implements RowSource {

    public static final int DEFAULT_MAX_FIELDS = 1024;
    public static final int DEFAULT_MAX_FIELD_BYTES = 64 * 1024;

    private static final int EOF = -1;

    private final InputStream in;
    private final byte delimiter;
    private final int maxFields;
    private final int maxFieldBytes;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long recordNumber;
    private boolean atStart = true;
    private boolean finished;

    private byte[] field = new byte[256];
    /** The values of the record being read (a new array per record, the last record's width), and how many. */
    private String[] values = new String[8];
    private int count;
    /** The record's columns that are not valid UTF-8; null while there are none (nearly always). */
    private BitSet badColumns;
    /** Whether the record being read holds a control byte other than tab and line breaks (see RawRecord). */
    private boolean control;
    private int fieldLength;
    private boolean fieldAscii;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    public CsvRowReader(InputStream in, char delimiter) {
        this(in, delimiter, DEFAULT_MAX_FIELDS, DEFAULT_MAX_FIELD_BYTES);
    }

    public CsvRowReader(InputStream in, char delimiter, int maxFields, int maxFieldBytes) {
        if (delimiter > 0x7f || delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("delimiter must be one ASCII character other than quote or line end: "
                    + delimiter);
        }
        this.in = in;
        this.delimiter = (byte) delimiter;
        this.maxFields = maxFields;
        this.maxFieldBytes = maxFieldBytes;
    }

    /** The next record, or null at the end of the input. */
    public RawRecord next() throws IOException {
        if (atStart) {
            skipByteOrderMark();
            atStart = false;
        }
        while (!finished) {
            RawRecord record = readRecord();
            if (record != null) {
                return record;
            }
        }
        return null;
    }

    /** Reads one physical record; null for a blank line (counted) or the end. */
    private RawRecord readRecord() throws IOException {
        // a new array per record, not one reused: a reused one lives in the old generation, and storing each young
        // value in it made the collector track every store (a third of the reading thread's samples at 10M rows)
        values = new String[Math.max(1, count)];
        count = 0;
        badColumns = null;
        control = false;
        RawRecord.Defect defect = RawRecord.Defect.NONE;
        int defectColumn = -1;
        boolean anyByte = false;
        resetField();

        final int startField = 0;
        final int unquoted = 1;
        final int quoted = 2;
        final int afterQuote = 3;
        int state = startField;

        while (true) {
            if ((state == startField || state == unquoted) && position < limit) {
                // the ordinary bytes of an unquoted field, straight from the buffer in one copy: the byte-at-a-time
                // path below was most of the reading thread's time on a 10M-row upload (stack samples)
                int from = position;
                int p = from;
                int high = 0;
                while (p < limit) {
                    byte c = buffer[p];
                    if (c == delimiter || c == '\n' || c == '\r' || c == '"') {
                        break;
                    }
                    if ((c < 0x20 && c >= 0 && c != '\t') || c == 0x7f) {
                        control = true;
                    }
                    high |= c;
                    p++;
                }
                int n = p - from;
                if (fieldLength == 0 && high >= 0 && p < limit && buffer[p] == delimiter && count < maxFields
                        && n <= maxFieldBytes) {
                    // a whole ASCII field between delimiters in the buffer (most fields): its string straight from the
                    // buffer, without the copy into the field buffer (a tenth of the reading thread's samples)
                    add(new String(buffer, from, n, StandardCharsets.ISO_8859_1));
                    position = p + 1;
                    anyByte = true;
                    state = startField;
                    continue;
                }
                if (n > 0 && fieldLength + n <= maxFieldBytes) {
                    ensureField(fieldLength + n);
                    System.arraycopy(buffer, from, field, fieldLength, n);
                    fieldLength += n;
                    if (high < 0) {
                        fieldAscii = false; // a byte >= 0x80 (negative as a Java byte)
                    }
                    position = p;
                    anyByte = true;
                    state = unquoted;
                    continue;
                }
            }
            int b = read();
            if (b == EOF) {
                finished = true;
                if (!anyByte) {
                    return null;
                }
                if (state == quoted && defect == RawRecord.Defect.NONE) {
                    defect = RawRecord.Defect.UNTERMINATED_QUOTE;
                    defectColumn = count;
                }
                break;
            }
            anyByte = true;
            if (state == quoted) {
                if (b == '"') {
                    state = afterQuote;
                } else if (!append(b) && defect == RawRecord.Defect.NONE) {
                    defect = RawRecord.Defect.FIELD_TOO_LARGE;
                    defectColumn = count;
                }
                continue;
            }
            if (b == delimiter) {
                if (!endField() && defect == RawRecord.Defect.NONE) {
                    defect = RawRecord.Defect.TOO_MANY_FIELDS;
                    defectColumn = maxFields;
                }
                state = startField;
                continue;
            }
            if (b == '\n' || b == '\r') {
                if (b == '\r') {
                    int after = peek();
                    if (after == '\n') {
                        read();
                    }
                }
                break;
            }
            if (state == startField && b == '"') {
                state = quoted;
                continue;
            }
            if (state == afterQuote) {
                if (b == '"') {
                    append(b);
                    state = quoted;
                    continue;
                }
                if (defect == RawRecord.Defect.NONE) {
                    defect = RawRecord.Defect.TEXT_AFTER_QUOTE;
                    defectColumn = count;
                }
            }
            state = unquoted;
            if (!append(b) && defect == RawRecord.Defect.NONE) {
                defect = RawRecord.Defect.FIELD_TOO_LARGE;
                defectColumn = count;
            }
        }
        recordNumber++;
        boolean blank = count == 0 && fieldLength == 0 && state == startField;
        if (!endField() && defect == RawRecord.Defect.NONE) {
            defect = RawRecord.Defect.TOO_MANY_FIELDS;
            defectColumn = maxFields;
        }
        if (blank && defect == RawRecord.Defect.NONE) {
            return null;
        }
        return new RawRecord(recordNumber, count == values.length ? values : java.util.Arrays.copyOf(values, count),
                badColumns == null ? RawRecord.NO_BAD_ENCODING : badColumns, defect, defectColumn, null, !control);
    }

    private void resetField() {
        fieldLength = 0;
        fieldAscii = true;
    }

    /** False when the value is beyond the byte limit (the rest is dropped). */
    private boolean append(int b) {
        if (fieldLength >= maxFieldBytes) {
            return false;
        }
        ensureField(fieldLength + 1);
        field[fieldLength++] = (byte) b;
        if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7f) {
            control = true;
        }
        if (b >= 0x80) {
            fieldAscii = false;
        }
        return true;
    }

    /** Grows the field buffer to hold {@code length} bytes (never beyond the byte limit, which callers check). */
    private void ensureField(int length) {
        if (length > field.length) {
            field = java.util.Arrays.copyOf(field, Math.min(maxFieldBytes, Math.max(length, field.length * 2)));
        }
    }

    /** False when the record already holds the maximum number of fields (the value is dropped). */
    private boolean endField() {
        if (count >= maxFields) {
            resetField();
            return false;
        }
        if (fieldAscii) {
            add(new String(field, 0, fieldLength, StandardCharsets.ISO_8859_1));
        } else {
            try {
                utf8.reset();
                add(utf8.decode(ByteBuffer.wrap(field, 0, fieldLength)).toString());
            } catch (CharacterCodingException e) {
                if (badColumns == null) {
                    badColumns = new BitSet();
                }
                badColumns.set(count);
                add(new String(field, 0, fieldLength, StandardCharsets.UTF_8));
            }
        }
        resetField();
        return true;
    }

    private void add(String value) {
        if (count == values.length) {
            values = java.util.Arrays.copyOf(values, count * 2);
        }
        values[count++] = value;
    }

    private void skipByteOrderMark() throws IOException {
        // Gather at least three bytes (a stream may hand them over one at a time).
        while (limit < 3) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                break;
            }
            limit += n;
        }
        if (limit - position >= 3 && (buffer[position] & 0xff) == 0xEF && (buffer[position + 1] & 0xff) == 0xBB
                && (buffer[position + 2] & 0xff) == 0xBF) {
            position += 3;
        }
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position++] & 0xff;
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position] & 0xff;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            position = limit = 0;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

}
