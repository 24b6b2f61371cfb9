package dev.imgcls.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The file operations the trainer needs, with the same meaning on local disks and on Google Cloud
 * Storage. Paths are plain strings as users type them ({@code /data/train-*},
 * {@code gs://bucket/dir/file}); {@link FileSystems#forPath} picks the implementation.
 *
 * <p>Missing files are reported as {@link java.nio.file.NoSuchFileException} naming the path.
 */
public interface FileSystem {

    /** Streams a file's bytes from the start. */
    InputStream openRead(String path) throws IOException;

    /**
     * Starts writing {@code path}; nothing is visible there until {@link AtomicOutputStream#commit()}
     * (an existing file is replaced at that moment). Missing parent directories are created.
     */
    AtomicOutputStream create(String path) throws IOException;

    /**
     * Expands a pattern with the semantics of {@code tf.io.gfile.glob}: {@code *}, {@code ?},
     * {@code [a-z]}, {@code [abc]}, {@code [!a]} match within one path segment (never across
     * {@code /}); {@code \} escapes. A pattern without wildcards matches itself if it exists.
     *
     * @return the matching paths, sorted, never empty
     * @throws java.nio.file.NoSuchFileException naming the pattern when nothing matches
     */
    List<String> glob(String pattern) throws IOException;

    /** Names (not paths) of the entries directly inside a directory, sorted. */
    List<String> list(String directory) throws IOException;

    /** True for an existing file or directory (on GCS: an object, or a prefix that objects live under). */
    boolean exists(String path) throws IOException;

    /** Size of a file in bytes. */
    long size(String path) throws IOException;

    /** Deletes a file (or an empty local directory). */
    void delete(String path) throws IOException;

    /** Creates a directory and its parents if missing. */
    void mkdirs(String path) throws IOException;
}
