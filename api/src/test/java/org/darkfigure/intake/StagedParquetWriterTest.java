package org.darkfigure.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.darkfigure.standard.FieldSpec;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Standard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staged file holds every written row as given, read back with parquet-mr's own record assembly (which works the
 * levels out from the schema, independently of the writer's fixed levels): typed values, nulls, lists with zero, one
 * and several entries, across several row groups.
 */
class StagedParquetWriterTest {

    @TempDir
    Path dir;

    /** incident has every type (string, code, integer, decimal, date); capture_history has the list column. */
    @Test
    void everyRowReadsBackAsWrittenAcrossRowGroups() throws IOException {
        for (String name : List.of("incident", "capture_history")) {
            RecordType type = Standard.builtIn().require(name, 1);
            boolean[] written = new boolean[type.fields().size()];
            Arrays.fill(written, true);
            written[1] = false; // a column the file does not have is left out of the schema
            List<Object[]> rows = rows(type, 20_000, new SplittableRandom(name.length()));
            Path file = dir.resolve(name + ".parquet");
            try (StagedParquetWriter w = new StagedParquetWriter(file, type, written, "sub-1", 64 * 1024)) {
                for (Object[] row : rows) {
                    w.write(row);
                }
            }
            List<Group> read = new ArrayList<>();
            int groups = 0;
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                MessageType schema = reader.getFooter().getFileMetaData().getSchema();
                assertEquals(StagedParquetWriter.schema(type, written), schema);
                PageReadStore pages;
                while ((pages = reader.readNextRowGroup()) != null) {
                    groups++;
                    RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                            .getRecordReader(pages, new GroupRecordConverter(schema));
                    for (long i = 0; i < pages.getRowCount(); i++) {
                        read.add(records.read());
                    }
                }
            }
            assertTrue(groups > 1, name + ": only " + groups + " row group(s)");
            assertEquals(rows.size(), read.size(), name);
            for (int r = 0; r < rows.size(); r++) {
                assertEquals(expected(type, written, rows.get(r)), actual(type, written, read.get(r)), name + " row " + r);
            }
        }
    }

    @Test
    void aRowWithoutARequiredValueIsADefectNotARow() throws IOException {
        RecordType type = Standard.builtIn().require("incident", 1);
        boolean[] written = new boolean[type.fields().size()];
        Arrays.fill(written, true);
        int required = java.util.stream.IntStream.range(0, type.fields().size())
                .filter(i -> type.fields().get(i).required()).findFirst().orElseThrow();
        Object[] row = rows(type, 1, new SplittableRandom(3)).get(0);
        row[required] = null;
        try (StagedParquetWriter w = new StagedParquetWriter(dir.resolve("defect.parquet"), type, written, "sub-1")) {
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> w.write(row));
            assertTrue(e.getMessage().contains(type.fields().get(required).name()), e.getMessage());
        }
    }

    private static List<Object[]> rows(RecordType type, int n, SplittableRandom random) {
        List<Object[]> rows = new ArrayList<>();
        int width = type.fields().size() + (type.listColumns().isPresent() ? 2 : 0);
        for (int r = 0; r < n; r++) {
            Object[] row = new Object[width];
            for (int i = 0; i < type.fields().size(); i++) {
                if (!type.fields().get(i).required() && random.nextInt(4) == 0) {
                    continue; // null (the validator lets no row without a required field through)
                }
                row[i] = switch (type.fields().get(i).type()) {
                    case STRING, CODE -> "v" + random.nextInt(1_000) + (random.nextInt(50) == 0 ? "é" : "");
                    case INTEGER -> random.nextInt(-5, 100_000);
                    case DECIMAL -> random.nextDouble() * 100;
                    case DATE -> LocalDate.of(2020, 1, 1).plusDays(random.nextInt(2_000));
                };
            }
            if (type.listColumns().isPresent()) {
                List<String> lists = new ArrayList<>();
                for (int l = random.nextInt(4); l > 0; l--) {
                    lists.add("L" + random.nextInt(9));
                }
                row[type.fields().size()] = lists;
                row[type.fields().size() + 1] = "p" + lists.size();
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<Object> expected(RecordType type, boolean[] written, Object[] row) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < type.fields().size(); i++) {
            if (written[i]) {
                out.add(row[i] instanceof LocalDate d ? (Object) (int) d.toEpochDay() : row[i]);
            }
        }
        if (type.listColumns().isPresent()) {
            out.add(row[type.fields().size()]);
            out.add(row[type.fields().size() + 1]);
        }
        out.add("sub-1");
        return out;
    }

    private static List<Object> actual(RecordType type, boolean[] written, Group g) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < type.fields().size(); i++) {
            if (!written[i]) {
                continue;
            }
            FieldSpec f = type.fields().get(i);
            if (g.getFieldRepetitionCount(f.name()) == 0) {
                out.add(null);
                continue;
            }
            out.add(switch (f.type()) {
                case STRING, CODE -> g.getString(f.name(), 0);
                case INTEGER, DATE -> g.getInteger(f.name(), 0);
                case DECIMAL -> g.getDouble(f.name(), 0);
            });
        }
        if (type.listColumns().isPresent()) {
            Group lists = g.getGroup("lists", 0);
            List<String> names = new ArrayList<>();
            for (int e = 0; e < lists.getFieldRepetitionCount("list"); e++) {
                names.add(lists.getGroup("list", e).getString("element", 0));
            }
            out.add(names);
            out.add(g.getString("pattern", 0));
        }
        out.add(g.getString(StagedParquetWriter.SUBMISSION_ID, 0));
        return out;
    }
}
