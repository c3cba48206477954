package org.darkfigure.intake;

import java.io.IOException;
import java.util.regex.Pattern;

/** The upload cannot be read as its declared format at all (a damaged workbook, a truncated gzip stream...). */
final class UnreadableFileException extends IOException {

    private static final long serialVersionUID = 1L;
    /** An absolute file path (the server's storage or temporary folders), which a submitter must never see. */
    private static final Pattern PATH = Pattern.compile("(?<![\\w.])(?:[A-Za-z]:)?[/\\\\](?:[\\w.@+-]+[/\\\\])+[\\w.@+-]*");

    UnreadableFileException(String message) {
        super(message);
    }

    /** What a library said of the file, for the submitter: without the server's file paths. */
    static UnreadableFileException because(String what, Throwable cause) {
        String said = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new UnreadableFileException(what + ": " + withoutPaths(said));
    }

    static String withoutPaths(String message) {
        return PATH.matcher(message).replaceAll("(the uploaded file)");
    }
}
