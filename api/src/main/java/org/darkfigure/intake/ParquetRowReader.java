package org.darkfigure.intake;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.darkfigure.read.RawRecord;
import org.darkfigure.read.RowSource;

/**
 * A Parquet upload as text records: the header is the file's top-level column names; values are
 * written as the standard expects them (dates as YYYY-MM-DD, numbers as digits). Nested columns are
 * reported, not flattened. Record numbers count the header as 1, like a spreadsheet.
 */
final class ParquetRowReader implements RowSource {

    private final ParquetReader<GenericRecord> reader;
    private List<Schema.Field> fields;
    private long number;
    private GenericRecord first;
    private boolean headerServed;

    private ParquetRowReader(ParquetReader<GenericRecord> reader) {
        this.reader = reader;
    }

    static ParquetRowReader open(Path file) throws IOException {
        try {
            return new ParquetRowReader(AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                    .withDataModel(GenericData.get())
                    .withConf(new PlainParquetConfiguration())
                    .build());
        } catch (RuntimeException e) {
            throw UnreadableFileException.because("the file is not a readable Parquet file", e);
        }
    }

    @Override
    public RawRecord next() throws IOException {
        try {
            if (!headerServed) {
                headerServed = true;
                first = reader.read();
                if (first == null) {
                    return null;
                }
                fields = first.getSchema().getFields();
                number = 1;
                return new RawRecord(1, fields.stream().map(Schema.Field::name).toArray(String[]::new), new BitSet(),
                        RawRecord.Defect.NONE, -1);
            }
            GenericRecord record = first != null ? first : reader.read();
            first = null;
            if (record == null) {
                return null;
            }
            number++;
            String[] values = new String[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                Object v = record.get(i);
                Schema schema = nonNull(fields.get(i).schema());
                if (v instanceof GenericRecord || v instanceof java.util.Collection || v instanceof java.util.Map) {
                    return RawRecord.broken(number, RawRecord.Defect.NESTED_VALUE, fields.get(i).name());
                }
                values[i] = text(v, schema);
            }
            return new RawRecord(number, values, new BitSet(), RawRecord.Defect.NONE, -1);
        } catch (RuntimeException e) {
            throw UnreadableFileException.because("the Parquet file is damaged near record " + number, e);
        }
    }

    private static Schema nonNull(Schema s) {
        if (s.getType() == Schema.Type.UNION) {
            for (Schema branch : s.getTypes()) {
                if (branch.getType() != Schema.Type.NULL) {
                    return branch;
                }
            }
        }
        return s;
    }

    private static String text(Object v, Schema schema) {
        if (v == null) {
            return "";
        }
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Date && v instanceof Integer days) {
            return LocalDate.ofEpochDay(days).toString();
        }
        if (v instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        if (v instanceof Float f && f == Math.rint(f) && !Float.isInfinite(f)) {
            return Long.toString(f.longValue());
        }
        return v.toString();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
