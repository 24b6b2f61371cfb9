package dev.imgcls.io;

import java.util.zip.CRC32C;

/**
 * CRC-32C (Castagnoli) and the "masked" form TFRecord stores (tf-formats.md §0). The JDK's CRC32C
 * is intrinsified to the CPU's crc32 instructions, so this is as fast as a native implementation.
 */
public final class Crc32c {

    /** TensorFlow's kMaskDelta (tsl/lib/hash/crc32c.h, same as leveldb). */
    private static final int MASK_DELTA = 0xA282EAD8;

    private Crc32c() {}

    public static int compute(byte[] bytes) {
        return compute(bytes, 0, bytes.length);
    }

    public static int compute(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /**
     * Rotates right by 15 and adds a constant. The point (leveldb's comment) is that computing the
     * CRC of a string that itself contains embedded CRCs is problematic, so stored CRCs are masked.
     */
    public static int mask(int crc) {
        return Integer.rotateRight(crc, 15) + MASK_DELTA;
    }

    public static int unmask(int maskedCrc) {
        return Integer.rotateLeft(maskedCrc - MASK_DELTA, 15);
    }

    /** Masked CRC-32C of a byte range, the value TFRecord stores. */
    public static int maskedCrc(byte[] bytes, int offset, int length) {
        return mask(compute(bytes, offset, length));
    }
}
