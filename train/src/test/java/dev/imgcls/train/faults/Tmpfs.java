package dev.imgcls.train.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A size-limited tmpfs mounted for one probe (root only), resized with a remount, unmounted on close. */
final class Tmpfs implements AutoCloseable {
    final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts one, or returns null with the reason in {@code why[0]} when this machine does not let us. */
    static Tmpfs mount(Path dir, long bytes, String[] why) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Shell.Result r = Shell.run("mount", "-t", "tmpfs", "-o", "size=" + kib(bytes) + ",mode=0755", "tmpfs", dir.toString());
        if (r.status() != 0) {
            why[0] = "cannot mount a tmpfs: " + r.output().strip();
            return null;
        }
        return new Tmpfs(dir);
    }

    void resize(long bytes) throws IOException, InterruptedException {
        Shell.check("mount", "-o", "remount,size=" + kib(bytes), dir.toString());
    }

    private static String kib(long bytes) {
        return (bytes + 1023) / 1024 + "k";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Shell.check("umount", dir.toString());
    }
}
