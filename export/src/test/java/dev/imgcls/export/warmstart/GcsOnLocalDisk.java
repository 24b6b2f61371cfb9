package dev.imgcls.export.warmstart;

import dev.imgcls.io.AtomicOutputStream;
import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;
import dev.imgcls.io.LocalFileSystem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code gs://bucket/...} paths kept in a local directory, so that code written against
 * {@link FileSystems} can be run on gs:// paths without a server: {@code gs://b/x} is
 * {@code root/b/x}. Listing a missing prefix gives no entries, as on Cloud Storage.
 */
final class GcsOnLocalDisk implements FileSystem {

    private static final String SCHEME = "gs://";

    private final LocalFileSystem local = new LocalFileSystem();
    private final Path root;

    GcsOnLocalDisk(Path root) {
        this.root = root;
    }

    /** A resolver sending gs:// here and everything else to the local disk. */
    static FileSystems fileSystems(Path root) {
        GcsOnLocalDisk gcs = new GcsOnLocalDisk(root);
        return new FileSystems(new LocalFileSystem(), () -> gcs);
    }

    private String local(String path) {
        if (!path.startsWith(SCHEME)) {
            throw new IllegalArgumentException("not a gs:// path: " + path);
        }
        return root.resolve(path.substring(SCHEME.length())).toString();
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        return local.openRead(local(path));
    }

    @Override
    public AtomicOutputStream create(String path) throws IOException {
        return local.create(local(path));
    }

    @Override
    public List<String> glob(String pattern) throws IOException {
        String rootText = root.toString() + "/";
        return local.glob(local(pattern)).stream().map(p -> SCHEME + p.substring(rootText.length())).toList();
    }

    @Override
    public List<String> list(String directory) throws IOException {
        return local.exists(local(directory)) ? local.list(local(directory)) : List.of();
    }

    @Override
    public boolean exists(String path) throws IOException {
        return local.exists(local(path));
    }

    @Override
    public long size(String path) throws IOException {
        return local.size(local(path));
    }

    @Override
    public void delete(String path) throws IOException {
        local.delete(local(path));
    }

    @Override
    public void mkdirs(String path) throws IOException {
        local.mkdirs(local(path));
    }
}
