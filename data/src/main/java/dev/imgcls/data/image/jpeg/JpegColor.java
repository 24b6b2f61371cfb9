package dev.imgcls.data.image.jpeg;

/**
 * Colour conversion as libjpeg's jdcolor.c does it (16-bit fixed-point tables), plus TF's own
 * CMYK -> RGB step from {@code jpeg_mem.cc}, so that converted pixels match TF's exactly.
 */
final class JpegColor {
    private static final int SCALEBITS = 16;
    private static final int ONE_HALF = 1 << (SCALEBITS - 1);
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALEBITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALEBITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
    }

    private JpegColor() {
    }

    private static int fix(double x) {
        return (int) (x * (1L << SCALEBITS) + 0.5);
    }

    static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    /**
     * YCbCr -> RGB of a run of pixels: rows of Y, Cb, Cr from {@code from} to {@code to} into
     * {@code out} at {@code o}. The table entries are computed inline (same integers as the tables,
     * cheaper than four lookups).
     */
    static void yccToRgb(byte[] ys, byte[] cbs, byte[] crs, int from, int to, byte[] out, int o) {
        final int crR = fix(1.40200);
        final int cbB = fix(1.77200);
        final int crG = fix(0.71414);
        final int cbG = fix(0.34414);
        for (int x = from; x < to; x++, o += 3) {
            int y = ys[x] & 0xFF;
            int cb = (cbs[x] & 0xFF) - 128;
            int cr = (crs[x] & 0xFF) - 128;
            int r = y + ((crR * cr + ONE_HALF) >> SCALEBITS);
            int g = y + ((-cbG * cb + ONE_HALF - crG * cr) >> SCALEBITS);
            int b = y + ((cbB * cb + ONE_HALF) >> SCALEBITS);
            out[o] = (byte) Math.max(0, Math.min(255, r));
            out[o + 1] = (byte) Math.max(0, Math.min(255, g));
            out[o + 2] = (byte) Math.max(0, Math.min(255, b));
        }
    }

    /**
     * A CMYK (or YCCK, converted by libjpeg's ycck_cmyk_convert first) pixel to RGB the way TF's
     * DecodeJpeg does: Adobe files store inverted CMYK, so r = k * c / 255; others r = (255 - k)(255 - c) / 255.
     */
    static void cmykToRgb(int c, int m, int y, int k, boolean adobe, byte[] out, int o) {
        if (adobe) {
            out[o] = (byte) (k * c / 255);
            out[o + 1] = (byte) (k * m / 255);
            out[o + 2] = (byte) (k * y / 255);
        } else {
            out[o] = (byte) ((255 - k) * (255 - c) / 255);
            out[o + 1] = (byte) ((255 - k) * (255 - m) / 255);
            out[o + 2] = (byte) ((255 - k) * (255 - y) / 255);
        }
    }

    /** libjpeg's YCCK -> CMY for one pixel: C = 255 - R(YCbCr) etc., clamped like its range-limit table. */
    static int ycckCyan(int y, int cr) {
        return clamp(255 - (y + CR_R[cr]));
    }

    static int ycckMagenta(int y, int cb, int cr) {
        return clamp(255 - (y + ((CB_G[cb] + CR_G[cr]) >> SCALEBITS)));
    }

    static int ycckYellow(int y, int cb) {
        return clamp(255 - (y + CB_B[cb]));
    }
}
