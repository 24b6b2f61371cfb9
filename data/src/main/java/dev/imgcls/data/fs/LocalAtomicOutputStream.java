package dev.imgcls.data.fs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes to a hidden temporary file beside the target and renames it over the target on commit:
 * a rename within one directory is atomic, so readers see the old file or the whole new one. The
 * data is forced to disk before the rename, so a crash cannot publish a file with missing blocks.
 */
final class LocalAtomicOutputStream extends AtomicOutputStream {

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream out;

    private LocalAtomicOutputStream(String path, Path target, Path temp, FileChannel channel) {
        super(path);
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
    }

    static LocalAtomicOutputStream open(String path, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Dot-prefixed so that patterns like "train-*" never pick up a file still being written.
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            return new LocalAtomicOutputStream(path, target, temp,
                    FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    @Override
    protected void writeBytes(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    @Override
    protected void flushBytes() throws IOException {
        out.flush();
    }

    @Override
    protected void publish() throws IOException {
        try {
            out.flush();
            channel.force(true);
            out.close();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            discard();
            throw e;
        }
    }

    @Override
    protected void discard() throws IOException {
        try {
            out.close();
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
