package dev.imgcls.data.image;

import dev.imgcls.data.image.jpeg.JpegDecoder;

/**
 * Reads the declared size of an image from its header bytes, for every format, so that the size
 * can be checked against {@link DecodeLimits} before any decoder allocates pixels (and so that a
 * crop can be chosen before decoding, like TF's extract_jpeg_shape).
 */
final class HeaderReader {
    private HeaderReader() {
    }

    static ImageHeader read(byte[] data) {
        ImageFormat format = ImageFormat.detect(data);
        long[] size = switch (format) {
            case JPEG -> {
                int[] s = JpegDecoder.readSize(data);
                yield new long[] {s[0], s[1]};
            }
            case PNG -> pngSize(data);
            case GIF -> gifSize(data);
            case BMP -> bmpSize(data);
        };
        DecodeLimits.check(format, size[0], size[1]);
        return new ImageHeader(format, (int) size[0], (int) size[1]);
    }

    private static long[] pngSize(byte[] d) {
        require(d, 33, "PNG");
        if (d[12] != 'I' || d[13] != 'H' || d[14] != 'D' || d[15] != 'R') {
            throw new ImageDecodeException("corrupt PNG: the first chunk is not IHDR");
        }
        return new long[] {u32be(d, 16), u32be(d, 20)};
    }

    /** The logical screen size; the first frame's own size is checked too, since a decoder allocates it. */
    private static long[] gifSize(byte[] d) {
        require(d, 13, "GIF");
        long width = u16le(d, 6);
        long height = u16le(d, 8);
        GifDecoder.Frame frame = GifDecoder.firstFrame(d);
        DecodeLimits.check(ImageFormat.GIF, frame.width(), frame.height());
        return new long[] {width, height};
    }

    private static long[] bmpSize(byte[] d) {
        require(d, 26, "BMP");
        long headerSize = u32le(d, 14);
        if (headerSize == 12) {
            return new long[] {u16le(d, 18), u16le(d, 20)};
        }
        int width = (int) u32le(d, 18);
        int height = (int) u32le(d, 22);
        // A negative height marks a top-down bitmap.
        return new long[] {width, Math.abs((long) height)};
    }

    static void require(byte[] d, int length, String format) {
        if (d.length < length) {
            throw new ImageDecodeException("truncated " + format + ": " + d.length + " bytes, header needs " + length);
        }
    }

    static long u32be(byte[] d, int p) {
        return ((long) (d[p] & 0xFF) << 24) | ((d[p + 1] & 0xFF) << 16) | ((d[p + 2] & 0xFF) << 8) | (d[p + 3] & 0xFF);
    }

    static long u32le(byte[] d, int p) {
        return ((long) (d[p + 3] & 0xFF) << 24) | ((d[p + 2] & 0xFF) << 16) | ((d[p + 1] & 0xFF) << 8) | (d[p] & 0xFF);
    }

    static int u16le(byte[] d, int p) {
        return ((d[p + 1] & 0xFF) << 8) | (d[p] & 0xFF);
    }
}
