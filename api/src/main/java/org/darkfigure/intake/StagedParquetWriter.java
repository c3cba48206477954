package org.darkfigure.intake;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.darkfigure.standard.FieldSpec;
import org.darkfigure.standard.FieldType;
import org.darkfigure.standard.ListColumns;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Role;

/**
 * Writes validated rows as Parquet in the layout the jobs read: the record type's fields, typed as
 * the standard says (dates as DATE), then for a table with list columns {@code lists} (a LIST of
 * strings) and {@code pattern}, then the {@code submission_id} system column. The Parquet schema is
 * derived from the standard, never written by hand. Only the fields the file has a column for are
 * written: readers apply the standard's schema, which reads a field without a column as missing, and a
 * Parquet column that is null in every row still costs a definition level per row (a quarter of the
 * encoding time for a file with 8 of the migrant record's 29 fields, in stack samples of
 * {@code bench/intake}).
 *
 * <p>Values go straight to each column's {@link ColumnWriter} with their repetition and definition levels, and
 * row groups are cut here as parquet-mr's {@code InternalParquetRecordWriter} cuts them. The schema is flat (one
 * list at most), so the levels are known in advance; parquet-mr's record consumer, which works them out field by
 * field for any nesting, was a third of the writers' stack samples at 10M rows. Strings are written as their UTF-8
 * bytes, and columns whose values are (nearly) all different skip dictionary encoding: encoding is most of the cost
 * of an upload.
 */
final class StagedParquetWriter implements Closeable {

    static final String SUBMISSION_ID = org.darkfigure.manifest.StorageLayout.STAGED_SUBMISSION_ID;
    /** Small row groups bound the writer's memory (128 MB per group does not fit a 256 MB server with several uploads). */
    static final long ROW_GROUP_BYTES = 16L * 1024 * 1024;
    private static final int PAGE_BYTES = 512 * 1024;

    private final long rowGroupBytes;
    private final MessageType schema;
    private final RecordType type;
    /** The record type's index of each written field, in the schema's order. */
    private final int[] fieldOf;
    private final FieldType[] kinds;
    /** Per written field, the definition level of a value: 0 for a required field, 1 for an optional one. */
    private final int[] definedLevel;
    private final Binary submissionId;
    /**
     * Per written column, the bytes of the values seen so far while they are few (null: not cached), by identity: the
     * validator hands on one instance per code and per declared country or source, so no string is hashed per row.
     */
    private final Map<String, Binary>[] repeated;
    private final ParquetProperties props;
    private final ParquetFileWriter file;
    private final CodecFactory codecs;
    private final BytesInputCompressor compressor;
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore columns;
    private ColumnWriter[] writers;
    private long rows;
    private long nextSizeCheck;
    private boolean failed;

    /** {@code written}: per field of the record type, whether the file has its column (the others are left out). */
    StagedParquetWriter(Path path, RecordType type, boolean[] written, String submissionId) throws IOException {
        this(path, type, written, submissionId, ROW_GROUP_BYTES);
    }

    /** {@code rowGroupBytes}: where row groups are cut (small in tests, to cut several). */
    StagedParquetWriter(Path path, RecordType type, boolean[] written, String submissionId, long rowGroupBytes)
            throws IOException {
        this.rowGroupBytes = rowGroupBytes;
        this.schema = schema(type, written);
        this.type = type;
        this.fieldOf = java.util.stream.IntStream.range(0, type.fields().size()).filter(i -> written[i]).toArray();
        this.kinds = java.util.Arrays.stream(fieldOf).mapToObj(i -> type.fields().get(i).type())
                .toArray(FieldType[]::new);
        this.definedLevel = java.util.Arrays.stream(fieldOf).map(i -> type.fields().get(i).required() ? 0 : 1).toArray();
        this.submissionId = Binary.fromString(submissionId);
        @SuppressWarnings("unchecked")
        Map<String, Binary>[] caches = new Map[fieldOf.length];
        this.repeated = caches;
        for (int at = 0; at < fieldOf.length; at++) {
            FieldSpec f = type.fields().get(fieldOf[at]);
            if ((f.type() == FieldType.STRING || f.type() == FieldType.CODE) && !f.unique() && !f.hasRole(Role.LK)) {
                repeated[at] = new IdentityHashMap<>();
            }
        }
        // no min/max statistics: a staged file is read once and whole by the harmonise stage, which filters on
        // nothing; keeping them (two comparisons per value) took the server's CPU for a 10M-row upload from 13-15 s
        // to 15-17 s
        ParquetProperties.Builder p = ParquetProperties.builder().withPageSize(PAGE_BYTES)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withStatisticsEnabled(false)
                .withValuesWriterFactory(new StagingValuesWriters());
        for (FieldSpec f : type.fields()) {
            if ((f.unique() || f.hasRole(Role.LK)) && schema.containsField(f.name())) {
                p.withDictionaryEncoding(f.name(), false); // all values differ: a dictionary never pays
            }
        }
        this.props = p.build();
        this.file = new ParquetFileWriter(new LocalOutputFile(path), schema, ParquetFileWriter.Mode.CREATE,
                rowGroupBytes, 0, props.getColumnIndexTruncateLength(), props.getStatisticsTruncateLength(),
                props.getPageWriteChecksumEnabled());
        this.codecs = new CodecFactory(new PlainParquetConfiguration(), PAGE_BYTES);
        this.compressor = codecs.getCompressor(CompressionCodecName.SNAPPY);
        file.start();
        startRowGroup();
    }

    static MessageType schema(RecordType type, boolean[] written) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (int i = 0; i < type.fields().size(); i++) {
            if (!written[i]) {
                continue;
            }
            FieldSpec f = type.fields().get(i);
            // a required field has a value in every accepted row: no definition levels to encode (as SparkSchema,
            // which makes it not nullable)
            Repetition repetition = f.required() ? Repetition.REQUIRED : Repetition.OPTIONAL;
            message.addField(switch (f.type()) {
                case STRING, CODE -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(f.name());
                case INTEGER -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(f.name());
                case DECIMAL -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(f.name());
                case DATE -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType()).named(f.name());
            });
        }
        if (type.listColumns().isPresent()) {
            message.addField(Types.requiredList().requiredElement(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType()).named(ListColumns.LISTS));
            message.addField(Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                    .named(ListColumns.PATTERN));
        }
        message.addField(Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(SUBMISSION_ID));
        return message.named("staged_" + type.name() + "_v" + type.version());
    }

    /** One row: the record type's fields (null where missing), then for a table with lists the lists and pattern. */
    void write(Object[] row) throws IOException {
        if (failed) {
            throw new IOException("the staged file is incomplete after an earlier failure");
        }
        try {
            int at = 0;
            for (; at < fieldOf.length; at++) {
                Object v = row[fieldOf[at]];
                ColumnWriter w = writers[at];
                int defined = definedLevel[at];
                if (v == null) {
                    if (defined == 0) {
                        throw new IllegalStateException("the required field " + schema.getFieldName(at)
                                + " has no value in a row the validator accepted");
                    }
                    w.writeNull(0, 0);
                    continue;
                }
                switch (kinds[at]) {
                    case STRING, CODE -> w.write(bytes(at, (String) v), 0, defined);
                    case INTEGER -> w.write((int) (Integer) v, 0, defined);
                    case DECIMAL -> w.write((double) (Double) v, 0, defined);
                    case DATE -> w.write((int) ((LocalDate) v).toEpochDay(), 0, defined);
                }
            }
            if (type.listColumns().isPresent()) {
                int typedAt = type.fields().size();
                @SuppressWarnings("unchecked")
                List<String> lists = (List<String>) row[typedAt];
                ColumnWriter w = writers[at++];
                if (lists.isEmpty()) {
                    w.writeNull(0, 0); // lists (required) . list (repeated: level 1) . element (required)
                }
                for (int i = 0; i < lists.size(); i++) {
                    w.write(Binary.fromString(lists.get(i)), i == 0 ? 0 : 1, 1);
                }
                writers[at++].write(Binary.fromString((String) row[typedAt + 1]), 0, 0);
            }
            writers[at].write(submissionId, 0, 0);
            columns.endRecord();
            rows++;
            if (rows >= nextSizeCheck) {
                checkRowGroupSize();
            }
        } catch (RuntimeException | IOException e) {
            failed = true;
            throw e;
        }
    }

    /**
     * The value's UTF-8 bytes (one copy; not Binary.fromString's charset encoder and buffer wrappers). A code or short
     * text repeats from row to row: its bytes are made once, while the column has at most {@value #REPEATED} different
     * values (copies and wrappers were a fifth of an upload's garbage at 10M rows, more than half of it for such values).
     */
    private Binary bytes(int at, String value) {
        Map<String, Binary> seen = repeated[at];
        if (seen == null) {
            return Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
        }
        Binary b = seen.get(value);
        if (b == null) {
            b = Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
            if (seen.size() < REPEATED) {
                seen.put(value, b);
            } else {
                repeated[at] = null; // many different values: looking them up costs more than it saves
            }
        }
        return b;
    }

    static final int REPEATED = 1024;

    /** Ends the row group when its buffered size nears {@code rowGroupBytes} (parquet-mr's rule, checked as rarely). */
    private void checkRowGroupSize() throws IOException {
        long buffered = columns.getBufferedSize();
        long perRow = Math.max(1, buffered / rows);
        if (buffered > rowGroupBytes - 2 * perRow) {
            endRowGroup();
            startRowGroup();
            return;
        }
        nextSizeCheck = Math.min(Math.max(props.getMinRowCountForPageSizeCheck(), (rows + rowGroupBytes / perRow) / 2),
                rows + props.getMaxRowCountForPageSizeCheck());
    }

    private void startRowGroup() {
        pages = new ColumnChunkPageWriteStore(compressor, schema, props.getAllocator(), props.getColumnIndexTruncateLength(),
                props.getPageWriteChecksumEnabled());
        columns = props.newColumnWriteStore(schema, pages, pages);
        List<ColumnDescriptor> descriptors = schema.getColumns();
        writers = new ColumnWriter[descriptors.size()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = columns.getColumnWriter(descriptors.get(i));
        }
        rows = 0;
        nextSizeCheck = props.getMinRowCountForPageSizeCheck();
    }

    private void endRowGroup() throws IOException {
        try {
            if (rows > 0) {
                file.startBlock(rows);
                columns.flush();
                pages.flushToFileWriter(file);
                file.endBlock();
            }
        } finally {
            columns.close();
            pages.close();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (!failed) { // a failed file is left without its footer: the upload's folder is discarded
                endRowGroup();
                file.end(Map.of());
            }
        } finally {
            codecs.release();
            file.close();
        }
    }
}
