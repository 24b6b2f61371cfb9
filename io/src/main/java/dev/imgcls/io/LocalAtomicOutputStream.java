package dev.imgcls.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
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
        FaultPoints.reach(FaultPoints.ATOMIC_FILE_OPEN);
        while (true) {
            Path temp = dir.resolve(TemporaryNames.forFile(target.getFileName().toString()));
            FileChannel channel;
            try {
                // Not Files.createTempFile: its owner-only permissions would stay on the published
                // file. A plain create gets 0666 less the umask, like any Unix tool's output.
                channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            try {
                return new LocalAtomicOutputStream(path, target, temp, channel);
            } catch (RuntimeException e) {
                channel.close();
                Files.deleteIfExists(temp);
                throw e;
            }
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
            FaultPoints.reach(FaultPoints.ATOMIC_FILE_PUBLISH);
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
