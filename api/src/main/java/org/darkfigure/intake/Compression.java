package org.darkfigure.intake;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Gzip-compressed uploads, recognised by their magic bytes, unpacked under a decompression-bomb limit. */
final class Compression {

    private Compression() {
    }

    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** Whether a stream starts with gzip's magic bytes; they are left to be read again. */
    static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        try {
            return in.read() == 0x1f && in.read() == 0x8b;
        } finally {
            in.reset();
        }
    }

    /**
     * Inflating more than this many times the compressed size is a decompression bomb, not a table: CSV
     * compresses about 5 to 20 times, very repetitive tables up to 50. Files that inflate to at most
     * {@link #RATIO_FLOOR} bytes are not held to the ratio.
     */
    static final long MAX_RATIO = 100;
    static final long RATIO_FLOOR = 64L * 1024 * 1024;

    /**
     * Unpacks a gzip file; refuses (413) as soon as the content exceeds {@code limit} bytes or {@link #MAX_RATIO}
     * times the compressed size (issue 17: a 5 MB bomb wrote 4 GiB to disk before its 413).
     */
    static Path gunzip(Path gzip, Path target, long configuredLimit) throws IOException {
        long limit = Math.min(configuredLimit, Math.max(RATIO_FLOOR, MAX_RATIO * Files.size(gzip)));
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(gzip)), 1 << 16);
             OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > limit) {
                    out.close();
                    Files.deleteIfExists(target);
                    throw new UploadTooLargeException(limit, true);
                }
                out.write(buffer, 0, n);
            }
        } catch (EOFException e) {
            throw new UnreadableFileException("the gzip stream is truncated (the upload was cut off)");
        } catch (ZipException e) {
            throw UnreadableFileException.because("the gzip stream is damaged", e);
        }
        return target;
    }
}
