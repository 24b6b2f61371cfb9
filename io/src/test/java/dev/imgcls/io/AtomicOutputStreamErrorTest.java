package dev.imgcls.io;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.FileSystemException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A write that fails without saying where (ENOSPC) comes out naming the file being written. */
class AtomicOutputStreamErrorTest {

    /** Fails every write, flush and publish with the given error. */
    private static final class Failing extends AtomicOutputStream {
        private final IOException error;

        Failing(String path, IOException error) {
            super(path);
            this.error = error;
        }

        @Override
        protected void writeBytes(byte[] bytes, int offset, int length) throws IOException {
            throw error;
        }

        @Override
        protected void flushBytes() throws IOException {
            throw error;
        }

        @Override
        protected void publish() throws IOException {
            throw error;
        }

        @Override
        protected void discard() {
        }
    }

    @Test
    void fullDiskNamesTheFile() throws IOException {
        IOException enospc = new IOException(IoErrorText.NO_SPACE);
        try (Failing out = new Failing("jobs/x/checkpoints/model.ckpt-40.index", enospc)) {
            for (IOException e : new IOException[] {assertThrows(IOException.class, () -> out.write(new byte[4])),
                    assertThrows(IOException.class, out::flush), assertThrows(IOException.class, out::commit)}) {
                FileSystemException named = assertInstanceOf(FileSystemException.class, e);
                assertEquals("jobs/x/checkpoints/model.ckpt-40.index", named.getFile());
                assertSame(enospc, named.getCause());
                assertTrue(IoErrorText.isNoSpace(named));
                assertEquals("jobs/x/checkpoints/model.ckpt-40.index: no space left on device", IoErrorText.describe(named));
            }
        }
    }

    @Test
    void typedErrorsPassUnchanged() throws IOException {
        InterruptedIOException stopped = new InterruptedIOException("stopped");
        try (Failing out = new Failing("a", stopped)) {
            assertSame(stopped, assertThrows(IOException.class, () -> out.write(1)));
        }
    }
}
