package dev.imgcls.data.image.jpeg;

import dev.imgcls.data.image.ImageDecodeException;

/**
 * Expands a subsampled component to full resolution one output row at a time, choosing the method
 * libjpeg-turbo's jdsample.c chooses with do_fancy_upsampling on (TF's default): triangular
 * "fancy" filters for 2x1, 2x2 and 1x2 sampling, plain replication otherwise. Rows above the first
 * and below the last real sample row repeat the edge row, as libjpeg's context-row buffer does.
 *
 * <p>A row may be upsampled from a segment of the component's columns, as libjpeg-turbo does after
 * {@code jpeg_crop_scanline}: the segment's first and last columns then act as image edges.
 */
final class Upsampler {
    private enum Method { FULL, H2V1_FANCY, H2V2_FANCY, H1V2_FANCY, REPLICATE }

    private final Method method;
    private final int hx;
    private final int vy;
    private final int width;
    private final int height;
    private final int[] colSum;

    Upsampler(Component c, int maxH, int maxV) {
        if (maxH % c.h != 0 || maxV % c.v != 0) {
            throw new ImageDecodeException("JPEG component " + c.id + " has sampling " + c.h + "x" + c.v
                    + " that does not divide the maximum " + maxH + "x" + maxV
                    + " (fractional upsampling is not supported, as in libjpeg)");
        }
        this.hx = maxH / c.h;
        this.vy = maxV / c.v;
        this.width = c.width;
        this.height = c.height;
        this.method = choose(hx, vy, width);
        this.colSum = new int[width];
    }

    /** jinit_upsampler's choice for a component {@code width} samples wide. */
    private static Method choose(int hx, int vy, int width) {
        if (hx == 1 && vy == 1) {
            return Method.FULL;
        }
        if (hx == 2 && vy == 1 && width > 2) {
            return Method.H2V1_FANCY;
        }
        if (hx == 1 && vy == 2) {
            return Method.H1V2_FANCY;
        }
        if (hx == 2 && vy == 2 && width > 2) {
            return Method.H2V2_FANCY;
        }
        return Method.REPLICATE;
    }

    /**
     * The method for a segment {@code segWidth} samples wide: the one chosen for the whole width,
     * unless the segment is narrower than 2 while the component is not, when libjpeg-turbo's
     * jpeg_crop_scanline re-runs the choice.
     */
    Method methodFor(int segWidth) {
        return segWidth < 2 && width >= 2 ? choose(hx, vy, segWidth) : method;
    }

    /** The first and last component rows that output rows {@code top..bottom} (inclusive) read. */
    int firstRowNeeded(int top) {
        int row = top / vy;
        return vy == 2 && method != Method.REPLICATE ? Math.max(0, row - 1) : row;
    }

    int lastRowNeeded(int bottom) {
        int row = Math.min(height - 1, bottom / vy);
        return vy == 2 && method != Method.REPLICATE ? Math.min(height - 1, row + 1) : row;
    }

    /** Component columns covering output columns {@code [0, outWidth)} of a segment (ceil(outWidth / hx)). */
    int segmentWidth(int outWidth) {
        return (outWidth + hx - 1) / hx;
    }

    /**
     * Writes {@code outWidth} full-resolution samples of output row {@code y} into {@code out}, from
     * the component's columns {@code start .. start + segmentWidth(outWidth) - 1}. A 2x method writes
     * whole pairs, so {@code out} needs one spare sample past {@code outWidth}.
     */
    void row(byte[] plane, int stride, int y, int start, int outWidth, byte[] out) {
        int seg = segmentWidth(outWidth);
        switch (methodFor(seg)) {
            case FULL -> System.arraycopy(plane, y * stride + start, out, 0, outWidth);
            case H2V1_FANCY -> h2v1(plane, y * stride + start, seg, out);
            case H2V2_FANCY -> h2v2(plane, stride, y, start, seg, out);
            case H1V2_FANCY -> h1v2(plane, stride, y, start, out, outWidth);
            case REPLICATE -> replicate(plane, stride, y, start, out, outWidth);
        }
    }

    /** The next-nearest input row for output row y of a 2x vertical filter: above for even rows, below for odd. */
    private int farRow(int y) {
        int near = y >> 1;
        return (y & 1) == 0 ? Math.max(0, near - 1) : Math.min(height - 1, near + 1);
    }

    private static void h2v1(byte[] p, int base, int w, byte[] out) {
        int first = p[base] & 0xFF;
        out[0] = (byte) first;
        out[1] = (byte) ((first * 3 + (p[base + 1] & 0xFF) + 2) >> 2);
        for (int i = 1; i < w - 1; i++) {
            int v = (p[base + i] & 0xFF) * 3;
            out[2 * i] = (byte) ((v + (p[base + i - 1] & 0xFF) + 1) >> 2);
            out[2 * i + 1] = (byte) ((v + (p[base + i + 1] & 0xFF) + 2) >> 2);
        }
        int last = p[base + w - 1] & 0xFF;
        out[2 * w - 2] = (byte) ((last * 3 + (p[base + w - 2] & 0xFF) + 1) >> 2);
        out[2 * w - 1] = (byte) last;
    }

    private void h2v2(byte[] p, int stride, int y, int start, int w, byte[] out) {
        int near = (y >> 1) * stride + start;
        int far = farRow(y) * stride + start;
        int[] s = colSum;
        for (int i = 0; i < w; i++) {
            s[i] = (p[near + i] & 0xFF) * 3 + (p[far + i] & 0xFF);
        }
        out[0] = (byte) ((s[0] * 4 + 8) >> 4);
        out[1] = (byte) ((s[0] * 3 + s[1] + 7) >> 4);
        for (int i = 1; i < w - 1; i++) {
            out[2 * i] = (byte) ((s[i] * 3 + s[i - 1] + 8) >> 4);
            out[2 * i + 1] = (byte) ((s[i] * 3 + s[i + 1] + 7) >> 4);
        }
        int last = s[w - 1];
        out[2 * w - 2] = (byte) ((last * 3 + s[w - 2] + 8) >> 4);
        out[2 * w - 1] = (byte) ((last * 4 + 7) >> 4);
    }

    private void h1v2(byte[] p, int stride, int y, int start, byte[] out, int n) {
        int near = (y >> 1) * stride + start;
        int far = farRow(y) * stride + start;
        int bias = (y & 1) == 0 ? 1 : 2;
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (((p[near + i] & 0xFF) * 3 + (p[far + i] & 0xFF) + bias) >> 2);
        }
    }

    private void replicate(byte[] p, int stride, int y, int start, byte[] out, int n) {
        int base = Math.min(y / vy, height - 1) * stride + start;
        for (int i = 0; i < n; i++) {
            out[i] = p[base + i / hx];
        }
    }
}
