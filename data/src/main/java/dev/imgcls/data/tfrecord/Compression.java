package dev.imgcls.data.tfrecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Whole-stream compression of a TFRecord file, TensorFlow's {@code compression_type}
 * (tf-formats.md §1.2). Records are framed first and the framed bytes compressed, never per
 * record. Like TensorFlow we never guess it from the bytes or the file name: the caller says.
 */
public enum Compression {
    NONE(""),
    /** RFC 1950 zlib stream. */
    ZLIB("ZLIB"),
    /** RFC 1952 gzip member. */
    GZIP("GZIP");

    private static final int BUFFER_BYTES = 64 * 1024;

    private final String tfName;

    Compression(String tfName) {
        this.tfName = tfName;
    }

    /** The {@code compression_type} string TensorFlow uses for this option. */
    public String tfName() {
        return tfName;
    }

    /** Parses TensorFlow's {@code compression_type} string ({@code ""}, {@code "ZLIB"}, {@code "GZIP"}). */
    public static Compression fromTfName(String name) {
        for (Compression c : values()) {
            if (c.tfName.equals(name)) {
                return c;
            }
        }
        if ("SNAPPY".equals(name)) {
            throw new IllegalArgumentException("compression_type SNAPPY (TensorFlow's private block format) is not supported;"
                    + " re-write the files uncompressed, with GZIP or with ZLIB");
        }
        throw new IllegalArgumentException("unknown compression_type '" + name + "': expected \"\", \"ZLIB\" or \"GZIP\"");
    }

    /** Wraps a raw (possibly compressed) stream so that reads return the framed TFRecord bytes. */
    public InputStream decompressing(InputStream raw) throws IOException {
        return switch (this) {
            case NONE -> raw;
            case GZIP -> new GZIPInputStream(raw, BUFFER_BYTES);
            case ZLIB -> new OwnedInflaterInputStream(raw);
        };
    }

    /**
     * Wraps a raw stream so that written framed bytes are compressed. Finish a compressed stream
     * with {@link DeflaterOutputStream#finish()} (or close it) to write the trailer.
     */
    public OutputStream compressing(OutputStream raw) throws IOException {
        return switch (this) {
            case NONE -> raw;
            case GZIP -> new GZIPOutputStream(raw, BUFFER_BYTES);
            // The default Deflater: zlib header, Z_DEFAULT_COMPRESSION, as TF's writer defaults.
            case ZLIB -> new DeflaterOutputStream(raw, false);
        };
    }

    /**
     * An InflaterInputStream with a large buffer whose Inflater (native memory) is released on
     * close; the JDK only does that for the constructor that also forces a 512-byte buffer.
     */
    private static final class OwnedInflaterInputStream extends InflaterInputStream {
        OwnedInflaterInputStream(InputStream in) {
            super(in, new Inflater(), BUFFER_BYTES);
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                inf.end();
            }
        }
    }
}
