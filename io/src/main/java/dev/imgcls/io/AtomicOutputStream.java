package dev.imgcls.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;

/**
 * An output file that becomes visible, complete, only when {@link #commit()} succeeds. Closing it
 * without committing discards everything written, so the usual try-with-resources block leaves
 * either the whole new file or the previous state (no file, or the old content), never a torn one:
 * <pre>{@code
 * try (AtomicOutputStream out = fs.create(path)) {
 *     out.write(bytes);
 *     out.commit();
 * }
 * }</pre>
 */
public abstract class AtomicOutputStream extends OutputStream {

    private enum State { OPEN, COMMITTED, DISCARDED }

    private final String path;
    private State state = State.OPEN;

    protected AtomicOutputStream(String path) {
        this.path = path;
    }

    /** The file this stream will publish. */
    public String path() {
        return path;
    }

    /** Publishes the bytes written so far as the file's whole content; no writes are allowed after. */
    public final void commit() throws IOException {
        ensureOpen();
        try {
            publish();
        } catch (IOException e) {
            throw naming(e);
        }
        state = State.COMMITTED;
    }

    /** Discards the file unless it was committed; idempotent. */
    @Override
    public final void close() throws IOException {
        if (state == State.OPEN) {
            state = State.DISCARDED;
            discard();
        }
    }

    @Override
    public final void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public final void write(byte[] bytes, int offset, int length) throws IOException {
        ensureOpen();
        try {
            writeBytes(bytes, offset, length);
        } catch (IOException e) {
            throw naming(e);
        }
    }

    @Override
    public final void flush() throws IOException {
        if (state == State.OPEN) {
            try {
                flushBytes();
            } catch (IOException e) {
                throw naming(e);
            }
        }
    }

    protected abstract void writeBytes(byte[] bytes, int offset, int length) throws IOException;

    protected abstract void flushBytes() throws IOException;

    /** Makes the written bytes the content of {@link #path()}, atomically. */
    protected abstract void publish() throws IOException;

    /** Frees everything written; {@link #path()} must be left as it was. */
    protected abstract void discard() throws IOException;

    /**
     * A plain write error (a full disk, an I/O error: the JDK's text without a path) as a file
     * error naming this file, so the user learns what was being written. Typed errors pass as they are.
     */
    private IOException naming(IOException e) {
        if (e.getClass() != IOException.class) {
            return e;
        }
        FileSystemException named = new FileSystemException(path, null, e.getMessage());
        named.initCause(e);
        return named;
    }

    private void ensureOpen() throws IOException {
        if (state != State.OPEN) {
            throw new IOException("output to " + path + " was already " + state.name().toLowerCase() + "; nothing more can be written");
        }
    }
}
