package org.darkfigure.intake;

import java.io.IOException;

/** The upload passed the configured size limit; mapped to HTTP 413. */
public final class UploadTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;
    private final long limit;

    public UploadTooLargeException(long limit) {
        super("the upload is larger than the limit of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
