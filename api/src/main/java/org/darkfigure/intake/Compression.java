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

    /** Unpacks a gzip file; refuses (413) when the content exceeds {@code limit} bytes. */
    static Path gunzip(Path gzip, Path target, long limit) throws IOException {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(gzip)), 1 << 16);
             OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > limit) {
                    throw new UploadTooLargeException(limit, true);
                }
                out.write(buffer, 0, n);
            }
        } catch (EOFException e) {
            throw new UnreadableFileException("the gzip stream is truncated (the upload was cut off)");
        } catch (ZipException e) {
            throw new UnreadableFileException("the gzip stream is damaged: " + e.getMessage());
        }
        return target;
    }
}
