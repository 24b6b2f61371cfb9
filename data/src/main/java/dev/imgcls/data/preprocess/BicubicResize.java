package dev.imgcls.data.preprocess;

import dev.imgcls.data.image.RgbImage;

/**
 * TF1's legacy {@code tf.image.resize_bicubic} (ResizeBicubic with align_corners=False,
 * half_pixel_centers=False) as a separable two-pass resize, bit-identical to TF's kernel: TF
 * interpolates each needed source column vertically first (4 rows, in float, in tap order) and
 * then combines 4 such column values horizontally; we do the same arithmetic, one output row at
 * a time, computing each column value once. Output is float and is not clamped (cubic overshoot
 * below 0 and above 255 is kept, as in TF).
 */
public final class BicubicResize {
    private BicubicResize() {
    }

    /**
     * Resizes an RGB image to {@code outHeight x outWidth} and writes the float HWC result into
     * {@code dst} starting at {@code dstOffset}; {@code flip} mirrors it left-right on the way.
     */
    public static void resize(RgbImage src, int outHeight, int outWidth, boolean flip, float[] dst, int dstOffset) {
        checkDestination(dst, dstOffset, outHeight, outWidth, 3);
        int w = src.width();
        byte[] px = src.pixels();
        AxisWeights ys = AxisWeights.legacyBicubic(src.height(), outHeight);
        AxisWeights xs = AxisWeights.legacyBicubic(w, outWidth);
        int[] cols = usedColumns(xs, w);
        // Upscaling or mild downscaling reads every column: then one flat loop over the row.
        boolean allColumns = cols.length == w;
        float[] column = new float[w * 3];
        int rowStride = w * 3;
        for (int oy = 0; oy < outHeight; oy++) {
            int r0 = ys.indices[4 * oy] * rowStride;
            int r1 = ys.indices[4 * oy + 1] * rowStride;
            int r2 = ys.indices[4 * oy + 2] * rowStride;
            int r3 = ys.indices[4 * oy + 3] * rowStride;
            float w0 = ys.weights[4 * oy];
            float w1 = ys.weights[4 * oy + 1];
            float w2 = ys.weights[4 * oy + 2];
            float w3 = ys.weights[4 * oy + 3];
            if (allColumns) {
                for (int c = 0; c < rowStride; c++) {
                    column[c] = (px[r0 + c] & 0xFF) * w0 + (px[r1 + c] & 0xFF) * w1
                            + (px[r2 + c] & 0xFF) * w2 + (px[r3 + c] & 0xFF) * w3;
                }
            } else {
                for (int x : cols) {
                    for (int c = x * 3, end = c + 3; c < end; c++) {
                        column[c] = (px[r0 + c] & 0xFF) * w0 + (px[r1 + c] & 0xFF) * w1
                                + (px[r2 + c] & 0xFF) * w2 + (px[r3 + c] & 0xFF) * w3;
                    }
                }
            }
            horizontal3(column, xs, flip, dst, dstOffset + oy * outWidth * 3);
        }
    }

    /**
     * Resizes a float image {@code [height, width, channels]} (HWC) to {@code outHeight x outWidth};
     * the general form, used for float inputs.
     */
    public static float[] resize(float[] src, int height, int width, int channels, int outHeight, int outWidth) {
        if (src.length != (long) height * width * channels) {
            throw new IllegalArgumentException("image of " + height + "x" + width + "x" + channels + " needs "
                    + (long) height * width * channels + " floats, got " + src.length);
        }
        float[] dst = new float[outHeight * outWidth * channels];
        AxisWeights ys = AxisWeights.legacyBicubic(height, outHeight);
        AxisWeights xs = AxisWeights.legacyBicubic(width, outWidth);
        int[] cols = usedColumns(xs, width);
        float[] column = new float[width * channels];
        int rowStride = width * channels;
        for (int oy = 0; oy < outHeight; oy++) {
            int r0 = ys.indices[4 * oy] * rowStride;
            int r1 = ys.indices[4 * oy + 1] * rowStride;
            int r2 = ys.indices[4 * oy + 2] * rowStride;
            int r3 = ys.indices[4 * oy + 3] * rowStride;
            float w0 = ys.weights[4 * oy];
            float w1 = ys.weights[4 * oy + 1];
            float w2 = ys.weights[4 * oy + 2];
            float w3 = ys.weights[4 * oy + 3];
            for (int x : cols) {
                for (int c = x * channels, end = c + channels; c < end; c++) {
                    column[c] = src[r0 + c] * w0 + src[r1 + c] * w1 + src[r2 + c] * w2 + src[r3 + c] * w3;
                }
            }
            horizontal(column, channels, xs, false, dst, oy * outWidth * channels);
        }
        return dst;
    }

    /** The horizontal pass for RGB, unrolled over the three channels. */
    private static void horizontal3(float[] column, AxisWeights xs, boolean flip, float[] dst, int rowOffset) {
        int outWidth = xs.outSize;
        int[] idx = xs.indices;
        float[] wt = xs.weights;
        for (int ox = 0; ox < outWidth; ox++) {
            int k = 4 * ox;
            int i0 = idx[k] * 3;
            int i1 = idx[k + 1] * 3;
            int i2 = idx[k + 2] * 3;
            int i3 = idx[k + 3] * 3;
            float w0 = wt[k];
            float w1 = wt[k + 1];
            float w2 = wt[k + 2];
            float w3 = wt[k + 3];
            int o = rowOffset + (flip ? outWidth - 1 - ox : ox) * 3;
            dst[o] = column[i0] * w0 + column[i1] * w1 + column[i2] * w2 + column[i3] * w3;
            dst[o + 1] = column[i0 + 1] * w0 + column[i1 + 1] * w1 + column[i2 + 1] * w2 + column[i3 + 1] * w3;
            dst[o + 2] = column[i0 + 2] * w0 + column[i1 + 2] * w1 + column[i2 + 2] * w2 + column[i3 + 2] * w3;
        }
    }

    private static void horizontal(float[] column, int channels, AxisWeights xs, boolean flip, float[] dst, int rowOffset) {
        int outWidth = xs.outSize;
        for (int ox = 0; ox < outWidth; ox++) {
            int i0 = xs.indices[4 * ox] * channels;
            int i1 = xs.indices[4 * ox + 1] * channels;
            int i2 = xs.indices[4 * ox + 2] * channels;
            int i3 = xs.indices[4 * ox + 3] * channels;
            float w0 = xs.weights[4 * ox];
            float w1 = xs.weights[4 * ox + 1];
            float w2 = xs.weights[4 * ox + 2];
            float w3 = xs.weights[4 * ox + 3];
            int o = rowOffset + (flip ? outWidth - 1 - ox : ox) * channels;
            for (int c = 0; c < channels; c++) {
                dst[o + c] = column[i0 + c] * w0 + column[i1 + c] * w1 + column[i2 + c] * w2 + column[i3 + c] * w3;
            }
        }
    }

    private static int[] usedColumns(AxisWeights xs, int width) {
        boolean[] used = xs.used(width);
        int n = 0;
        for (boolean u : used) {
            n += u ? 1 : 0;
        }
        int[] cols = new int[n];
        for (int i = 0, k = 0; i < width; i++) {
            if (used[i]) {
                cols[k++] = i;
            }
        }
        return cols;
    }

    private static void checkDestination(float[] dst, int offset, int h, int w, int c) {
        if (h <= 0 || w <= 0) {
            throw new IllegalArgumentException("output size must be positive, got " + h + "x" + w);
        }
        if (offset < 0 || (long) offset + (long) h * w * c > dst.length) {
            throw new IllegalArgumentException("destination of " + dst.length + " floats cannot hold "
                    + h + "x" + w + "x" + c + " at offset " + offset);
        }
    }
}
