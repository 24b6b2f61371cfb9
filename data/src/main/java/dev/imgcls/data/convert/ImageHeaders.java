package dev.imgcls.data.convert;

import java.io.IOException;

/**
 * Format and size of JPEG and PNG files from their headers alone, without decoding: fast, and it
 * accepts every JPEG the trainer's decoder does (CMYK, progressive, arithmetic-coded frames), which
 * ImageIO does not. A truncated or damaged body is only noticed when the trainer decodes it.
 */
final class ImageHeaders {

    /** Format name as written to {@code image/format}, and size in pixels. */
    record Info(String format, int width, int height) {}

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private ImageHeaders() {}

    static boolean isJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
    }

    static boolean isPng(byte[] b) {
        if (b.length < PNG_SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (b[i] != PNG_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The header of a JPEG or PNG file, or {@code null} for any other format.
     *
     * @throws IOException a JPEG or PNG whose header is damaged, cut short, or gives no size
     */
    static Info probe(byte[] b) throws IOException {
        if (isJpeg(b)) {
            return jpeg(b);
        }
        if (isPng(b)) {
            return png(b);
        }
        return null;
    }

    /** Walks the marker segments up to the first start-of-frame, which holds the size. */
    private static Info jpeg(byte[] b) throws IOException {
        int i = 2;
        while (i < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                throw new IOException("damaged JPEG header: expected a marker at byte " + i);
            }
            while (i < b.length && (b[i] & 0xFF) == 0xFF) {
                i++; // fill bytes
            }
            if (i >= b.length) {
                break;
            }
            int marker = b[i++] & 0xFF;
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
                continue; // markers without a segment
            }
            if (marker == 0xD9 || marker == 0xDA) {
                throw new IOException("damaged JPEG: " + (marker == 0xD9 ? "end of image" : "image data")
                        + " before any frame header, so it has no size");
            }
            if (i + 2 > b.length) {
                break;
            }
            int length = u16(b, i);
            if (length < 2) {
                throw new IOException("damaged JPEG header: segment of length " + length + " at byte " + i);
            }
            if (isStartOfFrame(marker)) {
                if (i + 7 > b.length) {
                    break;
                }
                int height = u16(b, i + 3);
                int width = u16(b, i + 5);
                if (height == 0) {
                    throw new IOException("JPEG whose height is only given after the image data (DNL marker) is not supported");
                }
                if (width == 0) {
                    throw new IOException("damaged JPEG header: width 0");
                }
                return new Info("JPEG", width, height);
            }
            i += length;
        }
        throw new IOException("JPEG file ends before its frame header (truncated?)");
    }

    /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** The IHDR chunk must come first: length 13, type, then width and height. */
    private static Info png(byte[] b) throws IOException {
        if (b.length < 24 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            throw new IOException("damaged PNG: no IHDR chunk after the signature");
        }
        long width = u32(b, 16);
        long height = u32(b, 20);
        if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new IOException("damaged PNG header: size " + width + "x" + height);
        }
        return new Info("PNG", (int) width, (int) height);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static long u32(byte[] b, int at) {
        return (long) u16(b, at) << 16 | u16(b, at + 2);
    }
}
