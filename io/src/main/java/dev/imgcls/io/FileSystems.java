package dev.imgcls.io;

import java.util.function.Supplier;

/**
 * Chooses the file system for a path: {@code gs://} goes to Cloud Storage, anything without a
 * scheme (or {@code file://}) to the local disk. The GCS client is created on first use only, so
 * purely local runs never look for credentials.
 */
public final class FileSystems {

    private static final class Defaults {
        // A lambda, not a method reference: GcsFileSystem (and the Cloud Storage client it needs) is
        // loaded on the first gs:// path only, so a jar without that client still runs on local files.
        static final FileSystems INSTANCE = new FileSystems(new LocalFileSystem(), () -> GcsFileSystem.fromEnvironment());
    }

    private final FileSystem local;
    private final Supplier<? extends FileSystem> gcsFactory;
    private volatile FileSystem gcs;

    /** A resolver with its own GCS file system (e.g. one pointed at a test server). */
    public FileSystems(FileSystem local, Supplier<? extends FileSystem> gcsFactory) {
        this.local = local;
        this.gcsFactory = gcsFactory;
    }

    /** The process-wide resolver: local disk and GCS configured from the environment. */
    public static FileSystems defaults() {
        return Defaults.INSTANCE;
    }

    /** {@code defaults().resolve(path)}. */
    public static FileSystem forPath(String path) {
        return defaults().resolve(path);
    }

    public FileSystem resolve(String path) {
        if (GcsPath.isGcs(path)) {
            return gcs();
        }
        int scheme = path.indexOf("://");
        if (scheme > 0 && !path.startsWith("file://") && path.substring(0, scheme).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            throw new IllegalArgumentException("unsupported file system '" + path.substring(0, scheme + 3) + "' in " + path
                    + ": use a local path or gs://bucket/...");
        }
        return local;
    }

    /** Appends a name to a directory path with exactly one separator, for local and gs:// paths alike. */
    public static String join(String directory, String name) {
        if (directory.isEmpty()) {
            return name;
        }
        return directory.endsWith("/") ? directory + name : directory + "/" + name;
    }

    private FileSystem gcs() {
        FileSystem fs = gcs;
        if (fs == null) {
            synchronized (this) {
                fs = gcs;
                if (fs == null) {
                    try {
                        fs = gcsFactory.get();
                    } catch (NoClassDefFoundError e) {
                        // No class name in the message: the trainer prints it as the job's one error line.
                        throw new IllegalStateException("gs:// paths need the Cloud Storage client, which this jar leaves out"
                                + " (bin/gpu-check's slim jar): use local paths, or the full imgcls.jar built by mvn -DskipTests package", e);
                    }
                    gcs = fs;
                }
            }
        }
        return fs;
    }
}
