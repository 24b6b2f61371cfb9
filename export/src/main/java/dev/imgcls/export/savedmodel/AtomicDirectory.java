package dev.imgcls.export.savedmodel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * Replaces a directory as a whole: the new content is written into a hidden temporary directory
 * beside the target, and only a complete one is renamed into place. A failure while writing
 * removes the temporary directory and leaves the previous target untouched.
 *
 * <p>POSIX cannot rename a directory over a non-empty one, so an existing target is first
 * renamed aside and removed after the swap; if the process dies between those two renames the
 * previous version survives as {@code .<name>.old-<id>} next to the target.
 */
final class AtomicDirectory {
    /** Fills a directory. */
    @FunctionalInterface
    interface Writer {
        void write(Path dir) throws IOException;
    }

    private AtomicDirectory() {
    }

    static void replace(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent == null) {
            throw new IllegalArgumentException("cannot replace the file-system root " + target);
        }
        Files.createDirectories(parent);
        String name = absolute.getFileName().toString();
        Path tmp = Files.createTempDirectory(parent, "." + name + ".tmp-");
        try {
            writer.write(tmp);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(tmp, e);
            throw e;
        }
        if (!Files.exists(absolute)) {
            move(tmp, absolute);
            return;
        }
        Path old = parent.resolve("." + name + ".old-" + UUID.randomUUID());
        move(absolute, old);
        try {
            move(tmp, absolute);
        } catch (IOException e) {
            move(old, absolute);
            deleteQuietly(tmp, e);
            throw e;
        }
        deleteRecursively(old);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " atomically (different file systems?)", e);
        }
    }

    private static void deleteQuietly(Path dir, Throwable cause) {
        try {
            deleteRecursively(dir);
        } catch (IOException | UncheckedIOException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
