package dev.imgcls.data.tfrecord;

import dev.imgcls.io.Crc32c;
import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Streams the records of one TFRecord file (tf-formats.md §1), one at a time, checking both CRCs of
 * every record as TensorFlow does. Errors are {@link CorruptRecordException}s worded like
 * TensorFlow's ("corrupted record at offset N", "truncated record at offset N") that also name the
 * file and the record index.
 *
 * <p>A length field is never trusted with memory: a length over {@link #MAX_RECORD_BYTES}, or (when
 * the file size is known) past the end of the file, is an error before anything is allocated, and
 * when the size is unknown (compressed files, plain streams) the payload buffer grows only as bytes
 * actually arrive.
 */
public final class TFRecordReader implements Closeable {

    /** Larger lengths are treated as corruption: no real image record comes near it. */
    public static final long MAX_RECORD_BYTES = 1L << 30;

    static final int HEADER_BYTES = 12;
    static final int FOOTER_BYTES = 4;
    private static final int READ_BUFFER_BYTES = 256 * 1024;
    /** Growth step for payloads of unknown-size streams, so a lying length costs at most this much. */
    private static final int GROWTH_BYTES = 1 << 20;

    private final InputStream in;
    private final String source;
    private final Compression compression;
    private final long framedSize;
    private final byte[] header = new byte[HEADER_BYTES];
    private final byte[] footer = new byte[FOOTER_BYTES];
    private long offset;
    private long index;

    /**
     * @param raw the file's bytes as stored (compressed or not); the reader buffers and closes it
     * @param source the file name used in error messages
     * @param rawSize the stored size if known, else -1; it bounds lengths of uncompressed files
     */
    public TFRecordReader(InputStream raw, String source, Compression compression, long rawSize) throws IOException {
        this.source = source;
        this.compression = compression;
        this.framedSize = compression == Compression.NONE ? rawSize : -1;
        InputStream buffered = new BufferedInputStream(raw, READ_BUFFER_BYTES);
        try {
            this.in = compression.decompressing(buffered);
        } catch (ZipException | EOFException e) {
            buffered.close();
            throw new CorruptRecordException(location(), "corrupted record at offset 0 in " + source
                    + ": not a " + compression + " stream (" + e.getMessage() + "); is the file compressed as requested?", e);
        }
    }

    /** Opens a local or {@code gs://} file through {@link FileSystems#forPath}. */
    public static TFRecordReader open(String path, Compression compression) throws IOException {
        return open(FileSystems.forPath(path), path, compression);
    }

    public static TFRecordReader open(FileSystem fs, String path, Compression compression) throws IOException {
        long size = compression == Compression.NONE ? fs.size(path) : -1;
        return new TFRecordReader(fs.openRead(path), path, compression, size);
    }

    /** The next record, or {@code null} at a clean end of file (0 bytes left at a record boundary). */
    public TFRecord next() throws IOException {
        RecordLocation at = location();
        int got = readFully(header, HEADER_BYTES, at);
        if (got == 0) {
            return null;
        }
        if (got < HEADER_BYTES) {
            throw truncated(at, "the file ends " + got + " bytes into the " + HEADER_BYTES + "-byte record header");
        }
        long length = LittleEndian.getLong(header, 0);
        int storedLengthCrc = LittleEndian.getInt(header, 8);
        if (Crc32c.maskedCrc(header, 0, 8) != storedLengthCrc) {
            throw corrupted(at, "the checksum of the length field does not match" + notATfRecordHint(at));
        }
        if (length < 0 || length > MAX_RECORD_BYTES) {
            throw corrupted(at, "the header announces a payload of " + Long.toUnsignedString(length)
                    + " bytes, over the limit of " + MAX_RECORD_BYTES + " bytes for one record");
        }
        if (framedSize >= 0) {
            long remaining = framedSize - offset - HEADER_BYTES;
            if (length + FOOTER_BYTES > remaining) {
                throw truncated(at, "the header announces a payload of " + length + " bytes but only "
                        + Math.max(remaining, 0) + " bytes remain in the file for it and its 4-byte checksum");
            }
        }
        byte[] payload = readPayload((int) length, at);
        if (readFully(footer, FOOTER_BYTES, at) < FOOTER_BYTES) {
            throw truncated(at, "the file ends inside the payload checksum");
        }
        if (Crc32c.maskedCrc(payload, 0, payload.length) != LittleEndian.getInt(footer, 0)) {
            throw corrupted(at, "the checksum of the " + length + "-byte payload does not match");
        }
        offset += HEADER_BYTES + length + FOOTER_BYTES;
        index++;
        return new TFRecord(payload, at);
    }

    /** Index the next record will have, i.e. the number of records read so far. */
    public long recordsRead() {
        return index;
    }

    /** Offset (in the framed, decompressed bytes) of the next record. */
    public long offset() {
        return offset;
    }

    public String source() {
        return source;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private RecordLocation location() {
        return new RecordLocation(source, index, offset);
    }

    private byte[] readPayload(int length, RecordLocation at) throws IOException {
        if (framedSize >= 0) {
            byte[] payload = new byte[length];
            int got = readFully(payload, length, at);
            if (got < length) {
                throw truncated(at, "the header announces " + length + " payload bytes, the file ends after " + got);
            }
            return payload;
        }
        byte[] payload = new byte[Math.min(length, GROWTH_BYTES)];
        int filled = 0;
        while (filled < length) {
            if (filled == payload.length) {
                payload = Arrays.copyOf(payload, (int) Math.min(length, 2L * payload.length));
            }
            int n = read(payload, filled, payload.length - filled, at);
            if (n < 0) {
                throw truncated(at, "the header announces " + length + " payload bytes, the stream ends after " + filled);
            }
            filled += n;
        }
        return payload;
    }

    /** Reads up to {@code length} bytes into {@code buffer}; fewer only at end of stream. */
    private int readFully(byte[] buffer, int length, RecordLocation at) throws IOException {
        int filled = 0;
        while (filled < length) {
            int n = read(buffer, filled, length - filled, at);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    /** One read, with decompression and I/O failures reported against the record being read. */
    private int read(byte[] buffer, int off, int len, RecordLocation at) throws IOException {
        try {
            return in.read(buffer, off, len);
        } catch (ZipException | EOFException e) {
            // Thrown by the inflater streams for damaged or cut-off compressed data.
            throw new CorruptRecordException(at, "corrupted record at offset " + at.offset() + " (record " + at.index()
                    + ") in " + source + ": the " + compression + " stream is damaged or truncated (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new RecordException(at, "cannot read " + at + ": " + e.getMessage(), e);
        }
    }

    private CorruptRecordException truncated(RecordLocation at, String why) {
        return new CorruptRecordException(at, "truncated record at offset " + at.offset() + " (record " + at.index()
                + ") in " + source + ": " + why);
    }

    private CorruptRecordException corrupted(RecordLocation at, String why) {
        return new CorruptRecordException(at, "corrupted record at offset " + at.offset() + " (record " + at.index()
                + ") in " + source + ": " + why);
    }

    /** TF's own hint for a bad first record, plus the likely reason: a compressed file read as plain. */
    private String notATfRecordHint(RecordLocation at) {
        if (at.offset() != 0) {
            return "";
        }
        String hint = " (Is this even a TFRecord file?)";
        if (compression == Compression.NONE) {
            int b0 = header[0] & 0xFF;
            int b1 = header[1] & 0xFF;
            if (b0 == 0x1F && b1 == 0x8B) {
                hint += " It starts like a GZIP stream: read it with compression GZIP.";
            } else if (b0 == 0x78 && ((b0 << 8) | b1) % 31 == 0) {
                hint += " It starts like a ZLIB stream: read it with compression ZLIB.";
            }
        }
        return hint;
    }
}
