package org.darkfigure.intake;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.darkfigure.read.CsvRowReader;
import org.darkfigure.read.JsonLinesRowReader;
import org.darkfigure.read.RowSource;
import org.darkfigure.standard.RecordType;

/** The file formats a submission may come in; each opens as the same stream of text records. */
public enum UploadFormat {
    CSV("text/csv"),
    JSONL("application/jsonl"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    PARQUET("application/vnd.apache.parquet");

    private final String mediaType;

    UploadFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<UploadFormat> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("ndjson") || n.equals("json")) {
            n = "jsonl";
        }
        for (UploadFormat f : values()) {
            if (f.extension().equals(n)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Whether the format reads front to back, so that it can be validated while it arrives (not XLSX, Parquet). */
    boolean readsAsStream() {
        return this == CSV || this == JSONL;
    }

    /** Opens a (decompressed) stream of a format that {@link #readsAsStream}; the records come header first. */
    RowSource open(InputStream in, char delimiter, RecordType type) {
        return switch (this) {
            case CSV -> new CsvRowReader(in, delimiter);
            case JSONL -> new JsonLinesRowReader(in, type.columnNames());
            case XLSX, PARQUET -> throw new IllegalStateException(this + " is read from a file, not a stream");
        };
    }

    /** Opens a (decompressed) file of this format; the records come header first. */
    RowSource open(Path file, char delimiter, RecordType type) throws IOException {
        return switch (this) {
            case CSV -> new CsvRowReader(new BufferedInputStream(Files.newInputStream(file), 1 << 16), delimiter);
            case JSONL -> new JsonLinesRowReader(new BufferedInputStream(Files.newInputStream(file), 1 << 16),
                    type.columnNames());
            case XLSX -> XlsxRowReader.open(file);
            case PARQUET -> ParquetRowReader.open(file);
        };
    }
}
