package dev.imgcls.train.loop;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One trainer per job directory: an OS file lock ({@code fcntl}, released by the kernel when the
 * process dies, however it dies) on {@value #FILE}, which names its owner (pid, host, start time)
 * for the message a second trainer gets. A lock file left by a dead process is stale: the next
 * trainer takes it over and says so. The owner deletes the file when it finishes.
 *
 * <p>Where the file system has no locks, the file's content decides: a live pid on this host, or
 * any owner on another host, keeps the directory; a dead pid on this host is taken over.
 */
final class JobDirectoryLock implements AutoCloseable {
    static final String FILE = ".imgcls.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private JobDirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code jobDir} (created if missing) for this process.
     *
     * @throws JobDirectoryInUseException when another live trainer has it
     */
    static JobDirectoryLock acquire(Path jobDir, PrintStream out) throws IOException {
        Files.createDirectories(jobDir);
        Path file = jobDir.resolve(FILE);
        while (true) {
            Object keyBefore = fileKey(file);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                channel.close();
                throw inUse(jobDir, readOwner(file));
            } catch (IOException e) {
                // No locks on this file system (some network and FUSE mounts).
                return acquireByContent(jobDir, file, channel, out);
            }
            if (lock == null) {
                Map<String, String> owner = readOwner(file);
                channel.close();
                throw inUse(jobDir, owner);
            }
            // The previous owner deletes the file while holding the lock: if it did, we hold the
            // lock of a deleted file, and must lock the one at the path now.
            if (keyBefore == null || !keyBefore.equals(fileKey(file))) {
                lock.release();
                channel.close();
                continue;
            }
            Map<String, String> previous = readOwner(channel);
            if (!previous.isEmpty()) {
                out.println("taking over " + file + " from a trainer that is no longer running (" + describe(previous) + ")");
            }
            writeOwner(channel);
            return new JobDirectoryLock(file, channel, lock);
        }
    }

    private static JobDirectoryLock acquireByContent(Path jobDir, Path file, FileChannel channel, PrintStream out) throws IOException {
        Map<String, String> owner = readOwner(channel);
        if (!owner.isEmpty() && !owner.get("pid").equals(Long.toString(ProcessHandle.current().pid()))) {
            boolean here = host().equals(owner.get("host"));
            boolean alive = here && ProcessHandle.of(parsePid(owner.get("pid"))).map(ProcessHandle::isAlive).orElse(false);
            if (alive || !here) {
                channel.close();
                throw new JobDirectoryInUseException(jobDir + " is in use by another trainer (" + describe(owner) + ")"
                        + (here ? "" : "; this file system has no locks, so if that trainer has ended, delete " + file + " and run again")
                        + "; wait for it to finish or use another --job-dir");
            }
            out.println("taking over " + file + " from a trainer that is no longer running (" + describe(owner) + ")");
        }
        writeOwner(channel);
        return new JobDirectoryLock(file, channel, null);
    }

    /** Deletes the lock file, then releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            try {
                if (lock != null) {
                    lock.release();
                }
            } finally {
                channel.close();
            }
        }
    }

    private static JobDirectoryInUseException inUse(Path jobDir, Map<String, String> owner) {
        return new JobDirectoryInUseException(jobDir + " is in use by another trainer" + (owner.isEmpty() ? "" : " (" + describe(owner) + ")")
                + "; wait for it to finish or use another --job-dir");
    }

    private static String describe(Map<String, String> owner) {
        return "pid " + owner.getOrDefault("pid", "?") + " on " + owner.getOrDefault("host", "?") + ", started "
                + owner.getOrDefault("started", "?");
    }

    private static void writeOwner(FileChannel channel) throws IOException {
        String content = "pid=" + ProcessHandle.current().pid() + "\nhost=" + host() + "\nstarted=" + Instant.now() + "\n";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
    }

    private static Map<String, String> readOwner(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        channel.read(buffer, 0);
        return parse(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
    }

    private static Map<String, String> readOwner(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Map.of();
        }
    }

    static Map<String, String> parse(String content) {
        Map<String, String> owner = new LinkedHashMap<>();
        for (String line : content.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                owner.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return owner.containsKey("pid") ? owner : Map.of();
    }

    private static long parsePid(String pid) {
        try {
            return Long.parseLong(pid);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Object fileKey(Path file) throws IOException {
        try {
            return Objects.requireNonNullElse(Files.readAttributes(file, BasicFileAttributes.class).fileKey(), "no-key");
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return Objects.requireNonNullElse(System.getenv("HOSTNAME"), "localhost");
        }
    }
}
