package dev.imgcls.kernels.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Loads a JNI library shipped as a class-path resource: copies it to
 * {@code <cache>/native/<sha256 of its bytes>/<name>} (temp file + atomic rename, so concurrent JVMs
 * never load half a file, and a new build never reuses an old copy) and {@code System.load}s it.
 */
final class NativeLibraryLoader {
    private NativeLibraryLoader() {
    }

    /** The resource folder for this OS/CPU, e.g. "linux-x86_64", or null where we build no binding. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64")) ? "linux-x86_64" : null;
    }

    /** Loads resource {@code resource} and returns the file loaded; throws IllegalStateException naming what is wrong. */
    static Path load(String resource, Path cacheDir) {
        byte[] bytes;
        try (InputStream in = NativeLibraryLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the JNI library " + resource + " is not on the class path: the build compiles it"
                        + " with kernels-cuda/src/build/compile-jni.sh only when gcc is on the PATH; rebuild with gcc installed");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        Path dir = cacheDir.resolve(KernelCompiler.sha256(java.util.HexFormat.of().formatHex(bytes)).substring(0, 16));
        Path file = dir.resolve(name);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) != bytes.length) {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, name, ".tmp");
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract " + resource + " to " + dir + ": " + e.getMessage()
                    + " (set -Dimgcls.native.cache to a writable folder)", e);
        }
        try {
            System.load(file.toAbsolutePath().toString());
            return file.toAbsolutePath();
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("cannot load " + file + ": " + e.getMessage(), e);
        }
    }

    /** ~/.cache/imgcls/native, or -Dimgcls.native.cache. */
    static Path defaultCacheDir() {
        String override = System.getProperty("imgcls.native.cache");
        return override != null ? Path.of(override) : Path.of(System.getProperty("user.home"), ".cache", "imgcls", "native");
    }
}
