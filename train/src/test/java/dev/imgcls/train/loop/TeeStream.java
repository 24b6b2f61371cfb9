package dev.imgcls.train.loop;

import java.io.IOException;
import java.io.OutputStream;

/** Writes to two streams: a test keeps the output and still shows it. */
final class TeeStream extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    TeeStream(OutputStream a, OutputStream b) {
        this.a = a;
        this.b = b;
    }

    @Override
    public void write(int c) throws IOException {
        a.write(c);
        b.write(c);
    }

    @Override
    public void write(byte[] data, int off, int len) throws IOException {
        a.write(data, off, len);
        b.write(data, off, len);
    }
}
