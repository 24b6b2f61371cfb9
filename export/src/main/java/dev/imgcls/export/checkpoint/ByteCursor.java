package dev.imgcls.export.checkpoint;

/**
 * Reads leveldb-coded values from a byte range, failing with a {@link CheckpointFormatException}
 * that says where (the {@code context}, e.g. the file and block) instead of an index exception.
 */
final class ByteCursor {

    private final byte[] bytes;
    private final int limit;
    private final String context;
    private int pos;

    ByteCursor(byte[] bytes, int offset, int limit, String context) {
        this.bytes = bytes;
        this.pos = offset;
        this.limit = limit;
        this.context = context;
    }

    int position() {
        return pos;
    }

    boolean hasRemaining() {
        return pos < limit;
    }

    long varint64(String what) throws CheckpointFormatException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw corrupt(what + " runs past the end");
            }
            int b = bytes[pos++] & 0xFF;
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw corrupt(what + " is a varint longer than 10 bytes");
    }

    int varint32(String what) throws CheckpointFormatException {
        long v = varint64(what);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw corrupt(what + " = " + Long.toUnsignedString(v) + " is out of range");
        }
        return (int) v;
    }

    /** Skips {@code length} bytes, returning the offset where they start. */
    int skip(int length, String what) throws CheckpointFormatException {
        if (length < 0 || length > limit - pos) {
            throw corrupt(what + " (" + length + " bytes) runs past the end");
        }
        int start = pos;
        pos += length;
        return start;
    }

    CheckpointFormatException corrupt(String problem) {
        return new CheckpointFormatException(context + ": " + problem);
    }

    static int fixed32(byte[] b, int offset) {
        return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8 | (b[offset + 2] & 0xFF) << 16 | (b[offset + 3] & 0xFF) << 24;
    }

    static long fixed64(byte[] b, int offset) {
        return (fixed32(b, offset) & 0xFFFFFFFFL) | (long) fixed32(b, offset + 4) << 32;
    }
}
