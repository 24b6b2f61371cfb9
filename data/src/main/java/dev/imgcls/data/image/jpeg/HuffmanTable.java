package dev.imgcls.data.image.jpeg;

import dev.imgcls.data.image.ImageDecodeException;

/**
 * A JPEG Huffman decoding table (DHT): a 9-bit lookahead table for the common short codes, and
 * libjpeg's maxcode/valoffset arrays for the longer ones.
 */
final class HuffmanTable {
    static final int LOOKAHEAD = 9;

    /** For each 9-bit prefix: (code length << 8) | symbol, or 0 when the code is longer. */
    final int[] lookup = new int[1 << LOOKAHEAD];
    /** Largest code of each length (1..16), -1 when none; index 17 is a sentinel. */
    final int[] maxCode = new int[18];
    /** Symbol index of a code of length l is code + valOffset[l]. */
    final int[] valOffset = new int[17];
    final int[] symbols;

    HuffmanTable(int[] counts, int[] symbols, boolean dc) {
        this.symbols = symbols;
        int total = 0;
        for (int l = 1; l <= 16; l++) {
            total += counts[l];
        }
        if (total != symbols.length || total > 256) {
            throw new ImageDecodeException("corrupt JPEG: bad Huffman table (" + total + " codes)");
        }
        if (dc) {
            for (int s : symbols) {
                if (s > 15) {
                    throw new ImageDecodeException("corrupt JPEG: DC Huffman symbol " + s + " > 15");
                }
            }
        }
        int code = 0;
        int k = 0;
        for (int l = 1; l <= 16; l++) {
            valOffset[l] = k - code;
            for (int i = 0; i < counts[l]; i++, k++, code++) {
                if (l <= LOOKAHEAD) {
                    int shift = LOOKAHEAD - l;
                    int entry = (l << 8) | symbols[k];
                    for (int fill = 0; fill < (1 << shift); fill++) {
                        lookup[(code << shift) | fill] = entry;
                    }
                }
            }
            maxCode[l] = counts[l] > 0 ? code - 1 : -1;
            // No code may be all ones, so the next free code must still fit in l bits (libjpeg's check).
            if (counts[l] > 0 && code >= (1 << l)) {
                throw new ImageDecodeException("corrupt JPEG: Huffman code lengths overflow at length " + l);
            }
            code <<= 1;
        }
        maxCode[17] = Integer.MAX_VALUE;
    }
}
