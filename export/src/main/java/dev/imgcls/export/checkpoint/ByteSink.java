package dev.imgcls.export.checkpoint;

import java.util.Arrays;

/** A growable byte array with the little-endian and varint writers of leveldb's coding.h. */
final class ByteSink {

    private byte[] bytes;
    private int size;

    ByteSink() {
        this(256);
    }

    ByteSink(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
    }

    /** The backing array; only the first {@link #size()} bytes are meaningful. */
    byte[] array() {
        return bytes;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    void writeByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    void writeBytes(byte[] src) {
        writeBytes(src, 0, src.length);
    }

    void writeBytes(byte[] src, int offset, int length) {
        ensure(length);
        System.arraycopy(src, offset, bytes, size, length);
        size += length;
    }

    void writeFixed32(int value) {
        ensure(4);
        bytes[size++] = (byte) value;
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 24);
    }

    void writeFixed64(long value) {
        writeFixed32((int) value);
        writeFixed32((int) (value >>> 32));
    }

    /** Base-128 varint of an unsigned value (a negative long takes all 10 bytes). */
    void writeVarint64(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    /** Varint of a non-negative int (leveldb's varint32). */
    void writeVarint32(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint32 of a negative value " + value);
        }
        writeVarint64(value);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            long wanted = Math.max((long) bytes.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("checkpoint index larger than 2 GiB");
            }
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
    }
}
