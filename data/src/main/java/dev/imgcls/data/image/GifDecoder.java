package dev.imgcls.data.image;

/**
 * The first frame of a GIF, as TF's DecodeGif returns it (frame 0 of its [frames, h, w, 3] output):
 * palette colours on a canvas of the logical screen size, black where the frame does not reach or
 * where its pixels are transparent. Our own LZW decoder (the JDK's GIF reader garbles interlaced
 * frames shorter than 8 rows).
 */
final class GifDecoder {
    private static final int MAX_CODE_BITS = 12;

    /** Where the first frame is and what it needs, found by walking the blocks before it. */
    record Frame(int left, int top, int width, int height, boolean interlaced, byte[] palette, int colors,
            int transparent, int dataStart) {
    }

    private GifDecoder() {
    }

    static Frame firstFrame(byte[] d) {
        HeaderReader.require(d, 13, "GIF");
        int p = 13;
        int flags = d[10] & 0xFF;
        byte[] palette = null;
        int colors = 0;
        if ((flags & 0x80) != 0) {
            colors = 1 << ((flags & 7) + 1);
            HeaderReader.require(d, p + 3 * colors, "GIF");
            palette = java.util.Arrays.copyOfRange(d, p, p + 3 * colors);
            p += 3 * colors;
        }
        int transparent = -1;
        while (p < d.length) {
            int block = d[p] & 0xFF;
            if (block == 0x2C) {
                HeaderReader.require(d, p + 10, "GIF");
                int left = HeaderReader.u16le(d, p + 1);
                int top = HeaderReader.u16le(d, p + 3);
                int width = HeaderReader.u16le(d, p + 5);
                int height = HeaderReader.u16le(d, p + 7);
                int imageFlags = d[p + 9] & 0xFF;
                p += 10;
                if ((imageFlags & 0x80) != 0) {
                    colors = 1 << ((imageFlags & 7) + 1);
                    HeaderReader.require(d, p + 3 * colors, "GIF");
                    palette = java.util.Arrays.copyOfRange(d, p, p + 3 * colors);
                    p += 3 * colors;
                }
                return new Frame(left, top, width, height, (imageFlags & 0x40) != 0, palette, colors, transparent, p);
            }
            if (block == 0x21) {
                HeaderReader.require(d, p + 2, "GIF");
                int label = d[p + 1] & 0xFF;
                p += 2;
                // Graphic control extension: its transparency applies to the next frame.
                if (label == 0xF9 && p + 4 < d.length && (d[p] & 0xFF) >= 4) {
                    transparent = (d[p + 1] & 1) != 0 ? d[p + 4] & 0xFF : -1;
                }
                while (p < d.length && (d[p] & 0xFF) != 0) {
                    p += 1 + (d[p] & 0xFF);
                }
                p++;
            } else if (block == 0x3B) {
                break;
            } else {
                throw new ImageDecodeException("corrupt GIF: unexpected block 0x" + Integer.toHexString(block));
            }
        }
        throw new ImageDecodeException("GIF contains no image");
    }

    static RgbImage decode(byte[] data, ImageHeader header) {
        Frame f = firstFrame(data);
        DecodeLimits.check(ImageFormat.GIF, f.width(), f.height());
        if (f.palette() == null) {
            throw new ImageDecodeException("corrupt GIF: no colour table for the first frame");
        }
        byte[] indices = lzw(data, f.dataStart(), f.width() * f.height());
        int sw = header.width();
        int sh = header.height();
        byte[] out = new byte[sw * sh * 3];
        for (int i = 0; i < f.height(); i++) {
            int y = f.top() + (f.interlaced() ? interlacedRow(i, f.height()) : i);
            if (y >= sh) {
                continue;
            }
            for (int x = 0; x < f.width() && f.left() + x < sw; x++) {
                int index = indices[i * f.width() + x] & 0xFF;
                if (index == f.transparent()) {
                    continue;
                }
                if (index >= f.colors()) {
                    throw new ImageDecodeException("corrupt GIF: colour index " + index + " outside the "
                            + f.colors() + "-colour table");
                }
                int o = (y * sw + f.left() + x) * 3;
                out[o] = f.palette()[3 * index];
                out[o + 1] = f.palette()[3 * index + 1];
                out[o + 2] = f.palette()[3 * index + 2];
            }
        }
        return new RgbImage(sw, sh, out);
    }

    /** The image row stored as the i-th row of an interlaced frame (passes from rows 0, 4, 2, 1 by 8, 8, 4, 2). */
    static int interlacedRow(int i, int height) {
        int[] start = {0, 4, 2, 1};
        int[] step = {8, 8, 4, 2};
        for (int pass = 0; pass < 4; pass++) {
            int rows = start[pass] < height ? (height - start[pass] + step[pass] - 1) / step[pass] : 0;
            if (i < rows) {
                return start[pass] + i * step[pass];
            }
            i -= rows;
        }
        throw new IllegalArgumentException("row beyond the frame");
    }

    /** Decodes the LZW-compressed sub-blocks at {@code p} into {@code count} colour indices. */
    private static byte[] lzw(byte[] d, int p, int count) {
        HeaderReader.require(d, p + 1, "GIF");
        int minCodeSize = d[p++] & 0xFF;
        if (minCodeSize < 1 || minCodeSize > 11) {
            throw new ImageDecodeException("corrupt GIF: LZW code size " + minCodeSize);
        }
        int clear = 1 << minCodeSize;
        int end = clear + 1;
        short[] prefix = new short[1 << MAX_CODE_BITS];
        byte[] suffix = new byte[1 << MAX_CODE_BITS];
        byte[] first = new byte[1 << MAX_CODE_BITS];
        byte[] stack = new byte[(1 << MAX_CODE_BITS) + 1];
        for (int i = 0; i < clear; i++) {
            suffix[i] = (byte) i;
            first[i] = (byte) i;
        }
        byte[] out = new byte[count];
        int n = 0;
        int codeSize = minCodeSize + 1;
        int next = clear + 2;
        int previous = -1;
        int bitBuffer = 0;
        int bits = 0;
        int blockLeft = 0;
        while (n < count) {
            while (bits < codeSize) {
                if (blockLeft == 0) {
                    if (p >= d.length || (blockLeft = d[p++] & 0xFF) == 0) {
                        throw new ImageDecodeException("truncated GIF: image data ends after " + n + " of " + count + " pixels");
                    }
                }
                if (p >= d.length) {
                    throw new ImageDecodeException("truncated GIF: image data ends after " + n + " of " + count + " pixels");
                }
                bitBuffer |= (d[p++] & 0xFF) << bits;
                bits += 8;
                blockLeft--;
            }
            int code = bitBuffer & ((1 << codeSize) - 1);
            bitBuffer >>>= codeSize;
            bits -= codeSize;
            if (code == clear) {
                codeSize = minCodeSize + 1;
                next = clear + 2;
                previous = -1;
                continue;
            }
            if (code == end) {
                throw new ImageDecodeException("truncated GIF: end code after " + n + " of " + count + " pixels");
            }
            int top = 0;
            int c = code;
            if (previous < 0) {
                if (code >= clear) {
                    throw new ImageDecodeException("corrupt GIF: LZW code " + code + " before any literal");
                }
            } else if (code >= next) {
                if (code > next) {
                    throw new ImageDecodeException("corrupt GIF: LZW code " + code + " beyond the table (" + next + ")");
                }
                // The KwKwK case: the new string is the previous one plus its own first byte.
                stack[top++] = first[previous];
                c = previous;
            }
            while (c >= clear) {
                stack[top++] = suffix[c];
                c = prefix[c];
            }
            stack[top++] = (byte) c;
            if (previous >= 0 && next < (1 << MAX_CODE_BITS)) {
                prefix[next] = (short) previous;
                suffix[next] = (byte) c;
                first[next] = first[previous];
                next++;
                if (next == (1 << codeSize) && codeSize < MAX_CODE_BITS) {
                    codeSize++;
                }
            }
            previous = code;
            while (top > 0 && n < count) {
                out[n++] = stack[--top];
            }
        }
        return out;
    }
}
