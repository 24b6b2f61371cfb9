package dev.imgcls.train.events;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A local file, appended to and flushed after every record so a live TensorBoard sees each one. */
final class LocalEventSink implements EventSink {
    private final OutputStream out;

    LocalEventSink(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public void append(byte[] framedRecord) throws IOException {
        out.write(framedRecord);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
