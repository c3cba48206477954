package org.darkfigure.intake;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.darkfigure.standard.FieldSpec;
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
 * {@code bench/intake}). Rows are written straight to Parquet's record consumer (no intermediate object
 * model), strings as their UTF-8 bytes, and columns whose values are (nearly) all different skip
 * dictionary encoding: that is most of the cost of an upload.
 */
final class StagedParquetWriter implements Closeable {

    static final String SUBMISSION_ID = org.darkfigure.manifest.StorageLayout.STAGED_SUBMISSION_ID;

    private final ParquetWriter<Object[]> writer;

    /** {@code written}: per field of the record type, whether the file has its column (the others are left out). */
    StagedParquetWriter(Path file, RecordType type, boolean[] written, String submissionId) throws IOException {
        MessageType schema = schema(type, written);
        Builder builder = new Builder(new LocalOutputFile(file), new RowWriteSupport(schema, type, written, submissionId))
                .withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                // small row groups bound the writer's memory (the default 128 MB per group does not fit a
                // 256 MB server with several uploads at once)
                .withRowGroupSize(16L * 1024 * 1024)
                .withPageSize(512 * 1024)
                .withWriteMode(ParquetFileWriter.Mode.CREATE);
        for (FieldSpec f : type.fields()) {
            if ((f.unique() || f.hasRole(Role.LK)) && schema.containsField(f.name())) {
                // all values differ: a dictionary never pays, and min/max statistics of random keys help no query
                builder = builder.withDictionaryEncoding(f.name(), false).withStatisticsEnabled(f.name(), false);
            }
        }
        this.writer = builder.build();
    }

    static MessageType schema(RecordType type, boolean[] written) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (int i = 0; i < type.fields().size(); i++) {
            if (!written[i]) {
                continue;
            }
            FieldSpec f = type.fields().get(i);
            message.addField(switch (f.type()) {
                case STRING, CODE -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(f.name());
                case INTEGER -> Types.optional(PrimitiveTypeName.INT32).named(f.name());
                case DECIMAL -> Types.optional(PrimitiveTypeName.DOUBLE).named(f.name());
                case DATE -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(f.name());
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

    void write(Object[] typed) throws IOException {
        writer.write(typed);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final RowWriteSupport support;

        Builder(OutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }

    /** Writes one typed row (fields in the record type's order, then lists and pattern) per record. */
    private static final class RowWriteSupport extends WriteSupport<Object[]> {
        private final MessageType schema;
        private final RecordType type;
        /** The record type's index of each written field, in the schema's order. */
        private final int[] fieldOf;
        private final String[] names;
        private final Binary submissionId;
        private RecordConsumer consumer;

        RowWriteSupport(MessageType schema, RecordType type, boolean[] written, String submissionId) {
            this.schema = schema;
            this.type = type;
            this.fieldOf = java.util.stream.IntStream.range(0, type.fields().size()).filter(i -> written[i]).toArray();
            this.names = java.util.Arrays.stream(fieldOf).mapToObj(i -> type.fields().get(i).name()).toArray(String[]::new);
            this.submissionId = Binary.fromString(submissionId);
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Object[] row) {
            consumer.startMessage();
            for (int i = 0; i < fieldOf.length; i++) {
                Object v = row[fieldOf[i]];
                if (v == null) {
                    continue;
                }
                String name = names[i];
                consumer.startField(name, i);
                if (v instanceof String s) {
                    // the string's bytes (one array copy for ASCII on Java's compact strings), not Binary.fromString's
                    // charset encoder and buffer wrappers: a tenth of the encoding time
                    consumer.addBinary(Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8)));
                } else if (v instanceof Integer n) {
                    consumer.addInteger(n);
                } else if (v instanceof Double d) {
                    consumer.addDouble(d);
                } else if (v instanceof LocalDate d) {
                    consumer.addInteger((int) d.toEpochDay());
                } else {
                    throw new IllegalArgumentException(name + ": cannot stage a " + v.getClass().getSimpleName());
                }
                consumer.endField(name, i);
            }
            int at = fieldOf.length;
            int typedAt = type.fields().size();
            if (type.listColumns().isPresent()) {
                @SuppressWarnings("unchecked")
                List<String> lists = (List<String>) row[typedAt];
                consumer.startField(ListColumns.LISTS, at);
                consumer.startGroup();
                if (!lists.isEmpty()) {
                    consumer.startField("list", 0);
                    for (String list : lists) {
                        consumer.startGroup();
                        consumer.startField("element", 0);
                        consumer.addBinary(Binary.fromString(list));
                        consumer.endField("element", 0);
                        consumer.endGroup();
                    }
                    consumer.endField("list", 0);
                }
                consumer.endGroup();
                consumer.endField(ListColumns.LISTS, at);
                consumer.startField(ListColumns.PATTERN, at + 1);
                consumer.addBinary(Binary.fromString((String) row[typedAt + 1]));
                consumer.endField(ListColumns.PATTERN, at + 1);
                at += 2;
            }
            consumer.startField(SUBMISSION_ID, at);
            consumer.addBinary(submissionId);
            consumer.endField(SUBMISSION_ID, at);
            consumer.endMessage();
        }
    }
}
