package org.darkfigure.read;

import java.io.Closeable;
import java.io.IOException;

/**
 * The records of an uploaded file in any format, as text: the header first, then one record per
 * row. Validation works on this alone, so every format gets the same rules and the same report.
 */
public interface RowSource extends Closeable {

    /** The next record (the header first), or null at the end. */
    RawRecord next() throws IOException;
}
