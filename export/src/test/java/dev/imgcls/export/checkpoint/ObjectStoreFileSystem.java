package dev.imgcls.export.checkpoint;

import dev.imgcls.io.AtomicOutputStream;
import dev.imgcls.io.FileSystem;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * An in-memory object store with Cloud Storage's semantics, for {@code gs://} paths in tests: flat
 * object names, directories that exist only as name prefixes, no rename, and objects that appear
 * whole when their upload finishes ({@link AtomicOutputStream#commit()}). A test can make chosen
 * uploads fail at that moment, as a killed job or a network error would.
 */
final class ObjectStoreFileSystem implements FileSystem {

    private final Map<String, byte[]> objects = new TreeMap<>();
    private Predicate<String> failingUploads = path -> false;

    /** Makes every later upload whose path matches fail when committed (nothing is stored). */
    synchronized void failUploads(Predicate<String> paths) {
        failingUploads = paths;
    }

    synchronized Map<String, byte[]> objects() {
        return new TreeMap<>(objects);
    }

    synchronized void put(String path, byte[] bytes) {
        objects.put(path, bytes.clone());
    }

    @Override
    public synchronized InputStream openRead(String path) throws IOException {
        byte[] bytes = objects.get(path);
        if (bytes == null) {
            throw new NoSuchFileException(path);
        }
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public AtomicOutputStream create(String path) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        return new AtomicOutputStream(path) {
            @Override
            protected void writeBytes(byte[] bytes, int offset, int length) {
                buffer.write(bytes, offset, length);
            }

            @Override
            protected void flushBytes() {}

            @Override
            protected void publish() throws IOException {
                synchronized (ObjectStoreFileSystem.this) {
                    if (failingUploads.test(path)) {
                        throw new IOException("simulated upload failure for " + path);
                    }
                    objects.put(path, buffer.toByteArray());
                }
            }

            @Override
            protected void discard() {}
        };
    }

    @Override
    public List<String> glob(String pattern) {
        throw new UnsupportedOperationException("the checkpoint code does not glob; this fake does not either");
    }

    @Override
    public synchronized List<String> list(String directory) {
        String prefix = directory.endsWith("/") ? directory : directory + "/";
        TreeSet<String> names = new TreeSet<>();
        for (String path : objects.keySet()) {
            if (path.startsWith(prefix)) {
                String rest = path.substring(prefix.length());
                int slash = rest.indexOf('/');
                names.add(slash < 0 ? rest : rest.substring(0, slash));
            }
        }
        return new ArrayList<>(names);
    }

    @Override
    public synchronized boolean exists(String path) {
        if (objects.containsKey(path)) {
            return true;
        }
        String prefix = path.endsWith("/") ? path : path + "/";
        return objects.keySet().stream().anyMatch(p -> p.startsWith(prefix));
    }

    @Override
    public synchronized long size(String path) throws IOException {
        byte[] bytes = objects.get(path);
        if (bytes == null) {
            throw new NoSuchFileException(path);
        }
        return bytes.length;
    }

    @Override
    public synchronized void delete(String path) throws IOException {
        if (objects.remove(path) == null) {
            throw new NoSuchFileException(path);
        }
    }

    @Override
    public void mkdirs(String path) {}
}
