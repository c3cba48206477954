package org.darkfigure.intake;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The upload's body as it is read: every byte that passes is also written to the raw file and into its
 * SHA-256, and the upload is refused (413) as soon as it passes the size limit. Reading the body once
 * lets validation run while the bytes arrive, instead of after a first full copy (at ten million rows,
 * 4 of the upload's 17 seconds on one core while the other waited).
 */
final class RawCopy extends FilterInputStream {

    private final OutputStream raw;
    private final MessageDigest sha;
    private final long limit;
    private long bytes;
    private boolean ended;
    private boolean closed;

    RawCopy(InputStream body, Path rawFile, long limit) throws IOException {
        super(body);
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
        this.raw = Files.newOutputStream(rawFile); // Jetty hands the body over 64 KB at a time (DarkfigureApp)
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (ended) {
            return -1; // not asked again: Jetty checks the data rate on every read, even past the end (see readAhead)
        }
        int n = in.read(b, off, len);
        if (n < 0) {
            ended = true;
        } else if (n > 0) {
            bytes += n;
            if (bytes > limit) {
                throw new UploadTooLargeException(limit);
            }
            raw.write(b, off, n);
            sha.update(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new UnsupportedOperationException("every byte of an upload is kept");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** How much of a body is read before validation starts (all of a smaller one). */
    static final int READ_AHEAD = 1 << 20;

    /**
     * The body buffered, with its first megabyte (or all of a smaller body) already read: Jetty measures a request's
     * data rate from its first byte to its end (slow clients get 408), and a small body whose end is read only after
     * its rows were validated would look like a slow client. A megabyte at once keeps the rate far above the minimum
     * whatever validation costs.
     */
    static BufferedInputStream readAhead(RawCopy copy) throws IOException {
        BufferedInputStream in = new BufferedInputStream(copy, 1 << 16);
        in.mark(READ_AHEAD);
        byte[] ahead = new byte[1 << 16];
        for (int total = 0, n; total < READ_AHEAD - ahead.length && (n = in.read(ahead)) >= 0; ) {
            total += n;
        }
        in.reset();
        return in;
    }

    /** Reads what is left of the body (a reader may stop early, at a refused header); then {@link #sha256} is whole. */
    void drain() throws IOException {
        byte[] buffer = new byte[1 << 16];
        while (read(buffer, 0, buffer.length) >= 0) {
            // each read is copied and digested
        }
    }

    /** Closes the raw file (the body itself belongs to the caller). */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            raw.close();
        }
    }

    long bytes() {
        return bytes;
    }

    /** The hex SHA-256 of everything read; call once, after {@link #drain}. */
    String sha256() {
        return HexFormat.of().formatHex(sha.digest());
    }
}
