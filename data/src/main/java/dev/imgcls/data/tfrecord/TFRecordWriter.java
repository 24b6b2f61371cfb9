package dev.imgcls.data.tfrecord;

import dev.imgcls.io.AtomicOutputStream;
import dev.imgcls.io.Crc32c;
import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes TFRecord framing (tf-formats.md §1.1), optionally compressed as a whole stream (§1.2).
 *
 * <p>Nothing is final until {@link #commit()}: it writes the compression trailer and, for a writer
 * made by {@link #create}, publishes the file atomically. Closing without committing discards an
 * atomic file, so a failure half-way never leaves a half-written TFRecord behind:
 * <pre>{@code
 * try (TFRecordWriter w = TFRecordWriter.create(path, Compression.GZIP)) {
 *     for (byte[] r : records) w.write(r);
 *     w.commit();
 * }
 * }</pre>
 */
public final class TFRecordWriter implements Closeable {

    private static final int BUFFER_BYTES = 256 * 1024;

    private final AtomicOutputStream atomicTarget;
    private final OutputStream framed;
    private final OutputStream compressor;
    private final byte[] header = new byte[TFRecordReader.HEADER_BYTES];
    private final byte[] footer = new byte[TFRecordReader.FOOTER_BYTES];
    private long records;
    private boolean committed;

    /** Writes to any stream; {@link #commit()} finishes the compressed stream and flushes it, {@link #close()} closes it. */
    public TFRecordWriter(OutputStream out, Compression compression) throws IOException {
        this(out, null, compression);
    }

    private TFRecordWriter(OutputStream out, AtomicOutputStream atomicTarget, Compression compression) throws IOException {
        this.atomicTarget = atomicTarget;
        // Buffer on both sides of the compressor: framing issues 12/4-byte writes, and the
        // deflater streams emit 512-byte pieces.
        this.compressor = compression.compressing(new BufferedOutputStream(out, BUFFER_BYTES));
        this.framed = new BufferedOutputStream(compressor, BUFFER_BYTES);
    }

    /** A writer to a local or {@code gs://} file that appears, complete, only at {@link #commit()}. */
    public static TFRecordWriter create(String path, Compression compression) throws IOException {
        return create(FileSystems.forPath(path), path, compression);
    }

    public static TFRecordWriter create(FileSystem fs, String path, Compression compression) throws IOException {
        AtomicOutputStream file = fs.create(path);
        try {
            return new TFRecordWriter(file, file, compression);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public void write(byte[] payload) throws IOException {
        write(payload, 0, payload.length);
    }

    public void write(byte[] payload, int offset, int length) throws IOException {
        if (committed) {
            throw new IllegalStateException("write after commit");
        }
        LittleEndian.putLong(header, 0, length);
        LittleEndian.putInt(header, 8, Crc32c.maskedCrc(header, 0, 8));
        LittleEndian.putInt(footer, 0, Crc32c.maskedCrc(payload, offset, length));
        framed.write(header);
        framed.write(payload, offset, length);
        framed.write(footer);
        records++;
    }

    public long recordsWritten() {
        return records;
    }

    /** Ends the stream (compression trailer included) and, for an atomic file, publishes it. */
    public void commit() throws IOException {
        if (committed) {
            return;
        }
        framed.flush();
        if (compressor instanceof DeflaterOutputStream deflating) {
            deflating.finish();
        }
        compressor.flush();
        if (atomicTarget != null) {
            atomicTarget.commit();
        }
        committed = true;
    }

    /** Releases the stream; an atomic file that was not committed is discarded. */
    @Override
    public void close() throws IOException {
        if (atomicTarget != null && !committed) {
            // Drop the buffered bytes on purpose: flushing them would only feed a file (or an
            // upload) that is about to be thrown away. The deflater's native memory is
            // reclaimed by its cleaner.
            atomicTarget.close();
            return;
        }
        framed.close();
    }
}
