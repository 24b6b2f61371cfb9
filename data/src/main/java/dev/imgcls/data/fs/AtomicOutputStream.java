package dev.imgcls.data.fs;

import java.io.IOException;
import java.io.OutputStream;

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
        publish();
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
        writeBytes(bytes, offset, length);
    }

    @Override
    public final void flush() throws IOException {
        if (state == State.OPEN) {
            flushBytes();
        }
    }

    protected abstract void writeBytes(byte[] bytes, int offset, int length) throws IOException;

    protected abstract void flushBytes() throws IOException;

    /** Makes the written bytes the content of {@link #path()}, atomically. */
    protected abstract void publish() throws IOException;

    /** Frees everything written; {@link #path()} must be left as it was. */
    protected abstract void discard() throws IOException;

    private void ensureOpen() throws IOException {
        if (state != State.OPEN) {
            throw new IOException("output to " + path + " was already " + state.name().toLowerCase() + "; nothing more can be written");
        }
    }
}
