package org.darkfigure.intake;

/** How to read an upload: its format and, for CSV, the delimiter. Gzip compression is recognised by itself. */
public record UploadOptions(UploadFormat format, char delimiter) {

    public static UploadOptions csv() {
        return new UploadOptions(UploadFormat.CSV, ',');
    }
}
