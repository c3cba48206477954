package org.darkfigure.intake;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.darkfigure.standard.FieldSpec;
import org.darkfigure.standard.ListColumns;
import org.darkfigure.standard.RecordType;

/**
 * Writes validated rows as Parquet in the layout the jobs read: the record type's fields, typed as
 * the standard says (dates as DATE), plus the {@code submission_id} system column. The Avro schema
 * is derived from the standard, never written by hand.
 */
final class StagedParquetWriter implements Closeable {

    static final String SUBMISSION_ID = "submission_id";

    private final RecordType type;
    private final Schema schema;
    private final ParquetWriter<GenericRecord> writer;
    private final String submissionId;

    StagedParquetWriter(Path file, RecordType type, String submissionId) throws IOException {
        this.type = type;
        this.schema = avroSchema(type);
        this.submissionId = submissionId;
        this.writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withDataModel(GenericData.get())
                .withSchema(schema)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .build();
    }

    static Schema avroSchema(RecordType type) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(type.name() + "_v" + type.version())
                .namespace("org.darkfigure.staged").fields();
        for (FieldSpec f : type.fields()) {
            Schema value = switch (f.type()) {
                case STRING, CODE -> Schema.create(Schema.Type.STRING);
                case INTEGER -> Schema.create(Schema.Type.INT);
                case DECIMAL -> Schema.create(Schema.Type.DOUBLE);
                case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            };
            Schema nullable = Schema.createUnion(Schema.create(Schema.Type.NULL), value);
            fields = fields.name(f.name()).type(nullable).withDefault(null);
        }
        if (type.listColumns().isPresent()) {
            fields = fields.name(ListColumns.LISTS).type().array().items().stringType().noDefault()
                    .name(ListColumns.PATTERN).type().stringType().noDefault();
        }
        return fields.name(SUBMISSION_ID).type().stringType().noDefault().endRecord();
    }

    void write(Object[] typed) throws IOException {
        GenericRecord record = new GenericData.Record(schema);
        for (int i = 0; i < typed.length; i++) {
            Object v = typed[i];
            record.put(i, v instanceof LocalDate d ? (int) d.toEpochDay() : v);
        }
        record.put(typed.length, submissionId);
        writer.write(record);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
