package dev.imgcls.export.savedmodel;

import dev.imgcls.io.FaultPoints;
import dev.imgcls.io.TemporaryNames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A directory that is replaced as a whole, so that at every instant the path names a complete
 * version, the old one or the new one. The path is a relative symbolic link into a hidden folder of
 * versions beside it:
 * <pre>
 *   model -&gt; .model.versions/0001733590000123-k3j9x    (the current version)
 *   .model.versions/0001733590000123-k3j9x/saved_model.pb …
 * </pre>
 * A new version is written completely (and forced to disk) in its own folder, then a new link is
 * made under a temporary name and renamed over the old link: one {@code rename(2)}, atomic.
 *
 * <p>What a reader sees: a process that opens {@code model/…} gets the version the link names at
 * that instant. The version the link named before a switch is kept until the next switch, so a
 * server that resolved the link just before it can finish loading; older ones are removed. The
 * link is relative, so copying the whole parent folder ({@code cp -r}, {@code rsync -a}) keeps a
 * working copy.
 *
 * <p>A plain directory at the path (written by an earlier release, or by a user) is moved into the
 * versions folder at the first switch; that one time the path is missing between two renames. On
 * a file system without symbolic links the previous scheme is used: the old directory renamed
 * aside, the new one renamed in, the old one deleted.
 */
public final class VersionedDirectory {
    private static final String VERSIONS_SUFFIX = ".versions";

    /** Fills a directory. */
    @FunctionalInterface
    public interface Writer {
        void write(Path dir) throws IOException;
    }

    private VersionedDirectory() {
    }

    /** The hidden folder that holds {@code target}'s versions. */
    public static Path versionsOf(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        return absolute.resolveSibling("." + absolute.getFileName() + VERSIONS_SUFFIX);
    }

    /**
     * Writes a new version with {@code writer} and switches {@code target} to it. A failure while
     * writing removes the partial version and leaves the target as it was.
     */
    public static void replace(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent == null) {
            throw new IllegalArgumentException("cannot replace the file-system root " + target);
        }
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(absolute) && !Files.isDirectory(absolute)) {
            throw new FileSystemException(absolute.toString(), null, "exists and is not a directory; move it away or choose another path");
        }
        Path versions = versionsOf(absolute);
        Files.createDirectories(versions);
        Optional<Path> previous = current(absolute);
        String label = String.format("%016d-%s", System.currentTimeMillis(), TemporaryNames.randomPart());
        Path version = versions.resolve(label);
        Files.createDirectory(version);
        try {
            writer.write(version);
            forceDirectory(version);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(version, e);
            throw e;
        }
        FaultPoints.reach(FaultPoints.MODEL_VERSION_WRITTEN);
        Path link = parent.resolve("." + absolute.getFileName() + ".link-" + TemporaryNames.randomPart());
        try {
            Files.createSymbolicLink(link, parent.relativize(version));
        } catch (UnsupportedOperationException | FileSystemException e) {
            replaceWithoutLinks(absolute, version);
            return;
        }
        if (Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
            // A plain directory cannot be renamed over; it becomes a version of its own.
            Path migrated = versions.resolve("0000000000000000-" + TemporaryNames.randomPart());
            move(absolute, migrated);
            previous = Optional.of(migrated);
        }
        move(link, absolute);
        forceDirectory(parent);
        FaultPoints.reach(FaultPoints.MODEL_SWITCHED);
        removeVersionsExcept(absolute, previous);
    }

    /**
     * Removes what interrupted switches left beside {@code target} (temporary links, partial or
     * superseded versions, the previous scheme's {@code .NAME.tmp-*} and {@code .NAME.old-*}
     * folders), keeping the current version. When the previous scheme was interrupted between
     * its two renames, its complete old directory is put back first.
     *
     * @return the number of entries removed
     */
    public static int removeStale(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return 0;
        }
        String name = absolute.getFileName().toString();
        int removed = 0;
        for (Path entry : list(parent)) {
            String n = entry.getFileName().toString();
            if (n.startsWith("." + name + ".old-") && !Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)
                    && Files.isRegularFile(entry.resolve(SavedModelExporter.SAVED_MODEL_FILE))) {
                move(entry, absolute);
            } else if (n.startsWith("." + name + ".link-") || n.startsWith("." + name + ".tmp-") || n.startsWith("." + name + ".old-")) {
                deleteRecursively(entry);
                removed++;
            }
        }
        return removed + removeVersionsExcept(absolute, Optional.empty());
    }

    /** The version folder {@code target} links to, if it is a link into its versions folder. */
    static Optional<Path> current(Path target) throws IOException {
        if (!Files.isSymbolicLink(target)) {
            return Optional.empty();
        }
        Path resolved = target.resolveSibling(Files.readSymbolicLink(target)).normalize();
        return resolved.getParent() != null && resolved.getParent().equals(versionsOf(target)) ? Optional.of(resolved) : Optional.empty();
    }

    /** Deletes every version but the current one and {@code keep}; returns how many it deleted. */
    private static int removeVersionsExcept(Path target, Optional<Path> keep) throws IOException {
        Path versions = versionsOf(target);
        if (!Files.isDirectory(versions, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        Optional<Path> current = current(target);
        int removed = 0;
        for (Path version : list(versions)) {
            if (!version.equals(current.orElse(null)) && !version.equals(keep.orElse(null))) {
                deleteRecursively(version);
                removed++;
            }
        }
        if (current.isEmpty() && keep.isEmpty()) {
            Files.deleteIfExists(versions);
        }
        return removed;
    }

    /** The previous scheme, for file systems without symbolic links: a short window without the target. */
    private static void replaceWithoutLinks(Path target, Path version) throws IOException {
        if (!Files.exists(target)) {
            move(version, target);
            return;
        }
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + TemporaryNames.randomPart());
        move(target, old);
        try {
            move(version, target);
        } catch (IOException e) {
            move(old, target);
            throw e;
        }
        FaultPoints.reach(FaultPoints.MODEL_SWITCHED);
        deleteRecursively(old);
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        }
        return entries;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new FileSystemException(from.toString(), to.toString(), "cannot be renamed atomically (different file systems?)");
        }
    }

    /** Makes a directory's entries durable (Linux allows fsync on a directory; elsewhere this is skipped). */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can open a directory; the rename is still atomic, only less durable.
        }
    }

    private static void deleteQuietly(Path dir, Throwable cause) {
        try {
            deleteRecursively(dir);
        } catch (IOException | UncheckedIOException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    /** Deletes a file, a link (not what it names) or a directory tree. */
    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
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
