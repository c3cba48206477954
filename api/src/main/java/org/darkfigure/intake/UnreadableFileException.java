package org.darkfigure.intake;

import java.io.IOException;

/** The upload cannot be read as its declared format at all (a damaged workbook, a truncated gzip stream...). */
final class UnreadableFileException extends IOException {

    private static final long serialVersionUID = 1L;

    UnreadableFileException(String message) {
        super(message);
    }
}
