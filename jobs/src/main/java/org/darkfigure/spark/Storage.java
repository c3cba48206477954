package org.darkfigure.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * The jobs' access to the storage root through Hadoop's file systems, so the same code writes to a
 * local folder, HDFS or an object store. Paths without a scheme are local.
 */
public final class Storage {

    private final Configuration conf;

    public Storage(Configuration conf) {
        this.conf = conf;
    }

    /** A path as a URI string Spark and Hadoop accept: local paths become absolute file: URIs. */
    public static String qualify(String path) {
        URI uri = URI.create(path.replace(" ", "%20"));
        if (uri.getScheme() == null) {
            return java.nio.file.Path.of(path).toAbsolutePath().normalize().toUri().toString();
        }
        return path;
    }

    public FileSystem fileSystem(String path) throws IOException {
        FileSystem fs = new Path(qualify(path)).getFileSystem(conf);
        if (fs instanceof LocalFileSystem local) {
            local.setWriteChecksum(false); // no .crc files beside release files
            local.setVerifyChecksum(false);
        }
        return fs;
    }

    public boolean exists(String path) throws IOException {
        return fileSystem(path).exists(new Path(qualify(path)));
    }

    public InputStream open(String path) throws IOException {
        return fileSystem(path).open(new Path(qualify(path)));
    }

    public OutputStream create(String path) throws IOException {
        return fileSystem(path).create(new Path(qualify(path)), true);
    }

    public void mkdirs(String path) throws IOException {
        fileSystem(path).mkdirs(new Path(qualify(path)));
    }

    public void delete(String path) throws IOException {
        fileSystem(path).delete(new Path(qualify(path)), true);
    }

    /** Renames a folder; fails if the target exists. Atomic on local disks and HDFS. */
    public void renameDirectory(String from, String to) throws IOException {
        Path source = new Path(qualify(from));
        Path target = new Path(qualify(to));
        FileSystem fs = fileSystem(from);
        if (fs.exists(target)) {
            throw new IOException("cannot publish: " + to + " already exists");
        }
        if (!fs.rename(source, target)) {
            throw new IOException("rename " + from + " -> " + to + " failed");
        }
    }

    /** Replaces a small file atomically: readers see the old or the new content, never a mix. */
    public void replaceAtomically(String path, byte[] content) throws IOException {
        String qualified = qualify(path);
        URI uri = URI.create(qualified);
        String temporary = qualified + ".tmp-" + Long.toHexString(System.nanoTime());
        if ("file".equals(uri.getScheme())) {
            java.nio.file.Path target = java.nio.file.Path.of(uri);
            java.nio.file.Path tmp = java.nio.file.Path.of(URI.create(temporary));
            Files.write(tmp, content);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (OutputStream out = create(temporary)) {
            out.write(content);
        }
        FileContext.getFileContext(uri, conf).rename(new Path(temporary), new Path(qualified), Options.Rename.OVERWRITE);
    }
}
