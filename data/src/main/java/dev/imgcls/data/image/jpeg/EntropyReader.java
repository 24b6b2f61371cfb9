package dev.imgcls.data.image.jpeg;

import dev.imgcls.data.image.ImageDecodeException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads the bits of an entropy-coded segment the way libjpeg does: 0xFF00 is a data 0xFF, a marker
 * ends the data and zeros are supplied after it (libjpeg warns and goes on), and running out of
 * bytes without a marker is an error, as with TF's in-memory source (try_recover_truncated=false).
 */
final class EntropyReader {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final byte[] data;
    private int pos;
    private long buffer;
    private int bits;
    /** The marker code that stopped the data, or -1 while none has been met. */
    private int marker = -1;

    EntropyReader(byte[] data, int start) {
        this.data = data;
        this.pos = start;
    }

    private void fill() {
        // Fast path: the next 8 bytes hold no 0xFF (so no stuffing or marker): take whole bytes at once.
        if (marker < 0 && pos + 8 <= data.length) {
            long v = (long) LONG_BE.get(data, pos);
            long inverted = ~v;
            int k = (63 - bits) >> 3;
            if (k > 0 && ((inverted - ONES) & ~inverted & HIGHS) == 0) {
                buffer = (buffer << (8 * k)) | (v >>> (64 - 8 * k));
                bits += 8 * k;
                pos += k;
                return;
            }
        }
        while (bits <= 56) {
            int b;
            if (marker >= 0) {
                b = 0;
            } else {
                if (pos >= data.length) {
                    throw new ImageDecodeException("truncated JPEG: the data ends inside an entropy-coded segment");
                }
                b = data[pos] & 0xFF;
                if (b == 0xFF) {
                    int next = pos + 1;
                    while (next < data.length && (data[next] & 0xFF) == 0xFF) {
                        next++;
                    }
                    if (next >= data.length) {
                        throw new ImageDecodeException("truncated JPEG: the data ends inside an entropy-coded segment");
                    }
                    int code = data[next] & 0xFF;
                    if (code == 0) {
                        pos = next + 1;
                    } else {
                        marker = code;
                        pos = next - 1;
                        b = 0;
                    }
                } else {
                    pos++;
                }
            }
            buffer = (buffer << 8) | b;
            bits += 8;
        }
    }

    int readBits(int n) {
        if (n == 0) {
            return 0;
        }
        if (bits < n) {
            fill();
        }
        bits -= n;
        return (int) (buffer >>> bits) & ((1 << n) - 1);
    }

    int readBit() {
        return readBits(1);
    }

    /** The value of a magnitude category of {@code s} bits (JPEG's EXTEND). */
    int receiveExtend(int s) {
        if (s == 0) {
            return 0;
        }
        int v = readBits(s);
        return v < (1 << (s - 1)) ? v - (1 << s) + 1 : v;
    }

    /** Decodes one Huffman symbol; a code no table entry matches yields 0, as in libjpeg. */
    int decode(HuffmanTable table) {
        if (bits < 17) {
            fill();
        }
        int peek = (int) (buffer >>> (bits - HuffmanTable.LOOKAHEAD)) & ((1 << HuffmanTable.LOOKAHEAD) - 1);
        int entry = table.lookup[peek];
        if (entry != 0) {
            bits -= entry >>> 8;
            return entry & 0xFF;
        }
        int l = HuffmanTable.LOOKAHEAD + 1;
        int code = (int) (buffer >>> (bits - l)) & ((1 << l) - 1);
        while (l <= 16 && code > table.maxCode[l]) {
            l++;
            code = (int) (buffer >>> (bits - l)) & ((1 << l) - 1);
        }
        if (l > 16) {
            bits -= 17;
            return 0;
        }
        bits -= l;
        return table.symbols[code + table.valOffset[l]];
    }

    /**
     * At a restart interval boundary: drops the buffered bits, consumes the RSTn marker that
     * should come next, and starts a fresh segment. A different marker is left for the caller.
     */
    void restart() {
        buffer = 0;
        bits = 0;
        if (marker < 0) {
            // Skip to the marker (libjpeg discards any stray bytes before it).
            while (pos + 1 < data.length && !((data[pos] & 0xFF) == 0xFF && (data[pos + 1] & 0xFF) != 0
                    && (data[pos + 1] & 0xFF) != 0xFF)) {
                pos++;
            }
            if (pos + 1 >= data.length) {
                throw new ImageDecodeException("truncated JPEG: missing restart marker");
            }
            marker = data[pos + 1] & 0xFF;
        }
        if (marker >= 0xD0 && marker <= 0xD7) {
            pos += 2;
            marker = -1;
        }
    }

    /**
     * After a scan: the position of the first marker other than RSTn at or after the read position,
     * skipping any unread data (a sequential scan may stop early once a crop's rows are decoded).
     */
    int endOfSegment() {
        int p = pos;
        while (p + 1 < data.length) {
            if ((data[p] & 0xFF) == 0xFF) {
                int code = data[p + 1] & 0xFF;
                if (code != 0 && code != 0xFF && (code < 0xD0 || code > 0xD7)) {
                    return p;
                }
            }
            p++;
        }
        return data.length;
    }
}
