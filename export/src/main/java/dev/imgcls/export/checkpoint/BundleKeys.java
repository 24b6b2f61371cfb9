package dev.imgcls.export.checkpoint;

import java.nio.charset.StandardCharsets;

/**
 * The keys of a bundle's index table: {@code ""} for the header, a variable's UTF-8 name for its
 * entry, and for each stored slice of a partitioned variable an OrderedCode key starting with byte
 * 0 (tensorflow/core/util/saved_tensor_slice_util.cc, lib/strings/ordered_code.cc), which sorts
 * right after the header.
 */
final class BundleKeys {

    static final byte[] HEADER = new byte[0];

    private BundleKeys() {}

    static byte[] forName(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    static String name(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    static boolean isSliceKey(byte[] key) {
        return key.length > 0 && key[0] == 0;
    }

    /**
     * The key of one slice: {@code num(0) | string(name) | num(rank) | per dim signed(start),
     * signed(length)}, where a length of -1 means the whole dimension.
     */
    static byte[] sliceKey(String name, long[] starts, long[] lengths) {
        ByteSink out = new ByteSink(32);
        writeNumIncreasing(out, 0);
        writeString(out, forName(name));
        writeNumIncreasing(out, starts.length);
        for (int d = 0; d < starts.length; d++) {
            writeSignedNumIncreasing(out, starts[d]);
            writeSignedNumIncreasing(out, lengths[d]);
        }
        return out.toByteArray();
    }

    /** A key for messages: the name if it is printable text, else its bytes in hex. */
    static String describe(byte[] key) {
        if (key.length == 0) {
            return "<header>";
        }
        if (!isSliceKey(key)) {
            String name = name(key);
            if (name.chars().noneMatch(Character::isISOControl)) {
                return "'" + name + "'";
            }
        }
        StringBuilder hex = new StringBuilder("key 0x");
        for (byte b : key) {
            hex.append(String.format("%02x", b & 0xFF));
        }
        return hex.toString();
    }

    /** Bytes 0x00 and 0xFF are escaped (as 00 FF and FF 00) so that "00 01" can end the string. */
    private static void writeString(ByteSink out, byte[] s) {
        for (byte b : s) {
            out.writeByte(b);
            if (b == 0) {
                out.writeByte(0xFF);
            } else if (b == (byte) 0xFF) {
                out.writeByte(0x00);
            }
        }
        out.writeByte(0x00);
        out.writeByte(0x01);
    }

    /** An unsigned number as a length byte and then its big-endian bytes without leading zeros. */
    private static void writeNumIncreasing(ByteSink out, long value) {
        int length = (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
        out.writeByte(length);
        for (int i = length - 1; i >= 0; i--) {
            out.writeByte((int) (value >>> (8 * i)));
        }
    }

    /**
     * A signed number in OrderedCode's order-preserving form: n bytes of two's complement whose
     * leading bits (n ones then a zero, for a non-negative value; inverted for a negative one)
     * encode the length, so that memcmp order equals numeric order.
     */
    private static void writeSignedNumIncreasing(ByteSink out, long value) {
        long magnitude = value < 0 ? ~value : value;
        int bits = 64 - Long.numberOfLeadingZeros(magnitude);
        int length = (bits + 7) / 7; // a sign bit and n length bits for every n bytes
        byte[] buf = new byte[10];
        long v = value;
        for (int i = 9; i >= 2; i--) {
            buf[i] = (byte) v;
            v >>= 8;
        }
        byte sign = (byte) (value < 0 ? 0xFF : 0x00);
        buf[0] = sign;
        buf[1] = sign;
        int begin = 10 - length;
        // The header: 'length' one bits, then a zero bit, XORed into the leading bytes.
        int headerBits = length; // number of leading one bits
        for (int i = 0; i < 2 && headerBits > 0; i++) {
            int ones = Math.min(8, headerBits);
            int mask = (0xFF << (8 - ones)) & 0xFF;
            buf[begin + i] ^= (byte) mask;
            headerBits -= ones;
        }
        out.writeBytes(buf, begin, length);
    }
}
