package org.darkfigure.intake;

import java.io.IOException;

/** The upload passed the configured size limit; mapped to HTTP 413. */
public final class UploadTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;
    private final long limit;
    private final boolean decompressed;

    public UploadTooLargeException(long limit) {
        this(limit, false);
    }

    /** {@code decompressed}: the limit on the unpacked content of a gzip upload was passed. */
    public UploadTooLargeException(long limit, boolean decompressed) {
        super("the " + (decompressed ? "decompressed " : "") + "upload is larger than the limit of " + limit + " bytes");
        this.limit = limit;
        this.decompressed = decompressed;
    }

    public boolean decompressed() {
        return decompressed;
    }

    public long limit() {
        return limit;
    }
}
