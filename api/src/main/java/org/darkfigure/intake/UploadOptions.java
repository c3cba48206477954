package org.darkfigure.intake;

import java.util.Optional;

/**
 * How to read an upload: its format, for CSV the delimiter, and the SHA-256 the client declared for the file
 * (lower-case hex; an upload whose bytes do not match it is refused). Gzip compression is recognised by itself.
 */
public record UploadOptions(UploadFormat format, char delimiter, Optional<String> declaredSha256) {

    public UploadOptions(UploadFormat format, char delimiter) {
        this(format, delimiter, Optional.empty());
    }

    public static UploadOptions csv() {
        return new UploadOptions(UploadFormat.CSV, ',');
    }
}
