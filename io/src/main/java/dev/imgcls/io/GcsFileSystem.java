package dev.imgcls.io;

import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobListOption;
import com.google.cloud.storage.StorageException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Google Cloud Storage through the official client (JSON API over HTTP). Retries of transient
 * failures are the client's, configured in {@link GcsClients}. GCS has no directories: a
 * "directory" is the prefix of object names, so {@link #mkdirs} has nothing to do.
 */
public final class GcsFileSystem implements FileSystem {

    /**
     * @param oneShotUploadBytes files up to this size are sent in one request when committed;
     *     larger ones go through a resumable upload, streamed in chunks while being written
     * @param uploadChunkBytes resumable upload chunk (a multiple of 256 KiB)
     * @param readChunkBytes bytes fetched per download request while streaming a file
     */
    public record Options(int oneShotUploadBytes, int uploadChunkBytes, int readChunkBytes) {
        public static final int UPLOAD_CHUNK_GRANULE = 256 * 1024;

        public Options {
            if (oneShotUploadBytes < 0 || readChunkBytes <= 0) {
                throw new IllegalArgumentException("sizes must be positive: " + this);
            }
            if (uploadChunkBytes <= 0 || uploadChunkBytes % UPLOAD_CHUNK_GRANULE != 0) {
                throw new IllegalArgumentException("uploadChunkBytes must be a positive multiple of 256 KiB (GCS rule): " + uploadChunkBytes);
            }
        }

        public static Options defaults() {
            return new Options(8 << 20, 16 << 20, 8 << 20);
        }
    }

    private final Storage storage;
    private final Options options;

    public GcsFileSystem(Storage storage, Options options) {
        this.storage = storage;
        this.options = options;
    }

    /** Real GCS (or the emulator named in the environment), see {@link GcsClients#fromEnvironment()}. */
    public static GcsFileSystem fromEnvironment() {
        return new GcsFileSystem(GcsClients.fromEnvironment(), Options.defaults());
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        GcsPath p = GcsPath.parse(path);
        Blob blob = requireObject(p);
        try {
            // Pinning the generation makes every chunk come from the same version of the object,
            // even if it is overwritten while we stream it.
            ReadChannel channel = storage.reader(BlobId.of(p.bucket(), p.object(), blob.getGeneration()));
            channel.setChunkSize(options.readChunkBytes());
            return new GcsInputStream(path, Channels.newInputStream(channel));
        } catch (StorageException e) {
            throw GcsErrors.toIOException("open", path, e);
        }
    }

    @Override
    public AtomicOutputStream create(String path) {
        GcsPath p = GcsPath.parse(path);
        if (p.object().isEmpty() || p.object().endsWith("/")) {
            throw new IllegalArgumentException("not a file path (it names a bucket or directory): " + path);
        }
        return new GcsAtomicOutputStream(storage, p, options);
    }

    @Override
    public List<String> glob(String pattern) throws IOException {
        GcsPath p = GcsPath.parse(pattern);
        List<String> matches = new ArrayList<>();
        if (!GlobPattern.hasWildcards(p.object())) {
            String literal = p.withObject(GlobPattern.unescape(p.object()));
            if (exists(literal)) {
                matches.add(literal);
            }
        } else {
            // List everything under the literal prefix (without a delimiter, so deeper levels come
            // too) and keep the names the pattern matches; '*' never crosses '/' in the match.
            Pattern matcher = GlobPattern.compile(p.object());
            String prefix = GlobPattern.literalPrefix(p.object());
            try {
                for (Blob blob : storage.list(p.bucket(), BlobListOption.prefix(prefix)).iterateAll()) {
                    if (matcher.matcher(blob.getName()).matches()) {
                        matches.add(p.withObject(blob.getName()));
                    }
                }
            } catch (StorageException e) {
                throw GcsErrors.toIOException("list", pattern, e);
            }
        }
        if (matches.isEmpty()) {
            throw new NoSuchFileException(pattern, null, "no files match this pattern");
        }
        matches.sort(null);
        return matches;
    }

    @Override
    public List<String> list(String directory) throws IOException {
        GcsPath p = GcsPath.parse(directory);
        String prefix = asDirectoryPrefix(p.object());
        List<String> names = new ArrayList<>();
        try {
            for (Blob blob : storage.list(p.bucket(), BlobListOption.prefix(prefix), BlobListOption.currentDirectory()).iterateAll()) {
                String name = blob.getName().substring(prefix.length());
                if (name.endsWith("/")) {
                    name = name.substring(0, name.length() - 1);
                }
                if (!name.isEmpty()) { // the "directory placeholder" object some tools create
                    names.add(name);
                }
            }
        } catch (StorageException e) {
            throw GcsErrors.toIOException("list", directory, e);
        }
        return names.stream().distinct().sorted().toList();
    }

    @Override
    public boolean exists(String path) throws IOException {
        GcsPath p = GcsPath.parse(path);
        try {
            if (p.object().isEmpty()) {
                return storage.get(p.bucket()) != null;
            }
            if (!p.object().endsWith("/") && storage.get(BlobId.of(p.bucket(), p.object())) != null) {
                return true;
            }
            String prefix = asDirectoryPrefix(p.object());
            return storage.list(p.bucket(), BlobListOption.prefix(prefix), BlobListOption.pageSize(1))
                    .getValues().iterator().hasNext();
        } catch (StorageException e) {
            throw GcsErrors.toIOException("look up", path, e);
        }
    }

    @Override
    public long size(String path) throws IOException {
        return requireObject(GcsPath.parse(path)).getSize();
    }

    @Override
    public void delete(String path) throws IOException {
        GcsPath p = GcsPath.parse(path);
        boolean deleted;
        try {
            deleted = storage.delete(BlobId.of(p.bucket(), p.object()));
        } catch (StorageException e) {
            throw GcsErrors.toIOException("delete", path, e);
        }
        if (!deleted) {
            throw new NoSuchFileException(path);
        }
    }

    /** Nothing to do: objects can be written under any prefix, which then "exists". */
    @Override
    public void mkdirs(String path) {
        GcsPath.parse(path);
    }

    private Blob requireObject(GcsPath p) throws IOException {
        Blob blob;
        try {
            blob = p.object().isEmpty() ? null : storage.get(BlobId.of(p.bucket(), p.object()));
        } catch (StorageException e) {
            throw GcsErrors.toIOException("look up", p.toString(), e);
        }
        if (blob == null) {
            throw new NoSuchFileException(p.toString());
        }
        return blob;
    }

    private static String asDirectoryPrefix(String object) {
        return object.isEmpty() || object.endsWith("/") ? object : object + "/";
    }
}
