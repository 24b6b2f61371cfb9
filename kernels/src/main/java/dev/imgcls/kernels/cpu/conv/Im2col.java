package dev.imgcls.kernels.cpu.conv;

import dev.imgcls.tensor.ops.ConvOps.Geometry;

import java.util.Arrays;

/**
 * The im2col view of one group of an NHWC input, never materialised: row p is output pixel p
 * (n, oy, ox in row-major order), column k is filter tap (ky, kx) and input channel ci of the
 * group, k = (ky·KW + kx)·Cin/g + ci — the row order of the HWIO filter, so the filter itself is
 * the matching [K, Cout] matrix. Pixels that fall in the padding read as zero.
 */
final class Im2col {
    private final Geometry g;
    private final float[] x;
    private final int cinG;
    private final int channelOffset;
    private final int outPerImage;
    /** Per column k: its tap's filter row and column and its first column (no divisions per copy). */
    private final int[] columnKy;
    private final int[] columnKx;
    private final int[] columnTapStart;

    Im2col(Geometry g, float[] x, int group) {
        this.g = g;
        this.x = x;
        this.cinG = g.cin() / g.groups();
        this.channelOffset = group * cinG;
        this.outPerImage = g.oh() * g.ow();
        int k = columns();
        columnKy = new int[k];
        columnKx = new int[k];
        columnTapStart = new int[k];
        for (int c = 0; c < k; c++) {
            int tap = c / cinG;
            columnKy[c] = tap / g.kw();
            columnKx[c] = tap % g.kw();
            columnTapStart[c] = tap * cinG;
        }
    }

    /** Columns: KH·KW·Cin/g. */
    int columns() {
        return g.kh() * g.kw() * cinG;
    }

    /** Rows: N·OH·OW. */
    int rows() {
        return g.n() * outPerImage;
    }

    /** True when every row is a contiguous run of the input (1×1 taps inside the image). */
    boolean rowsAreContiguous() {
        return g.kh() == 1 && g.kw() == 1 && g.padTop() == 0 && g.padLeft() == 0
                && (g.oh() - 1) * g.strideH() < g.h() && (g.ow() - 1) * g.strideW() < g.w();
    }

    /** With {@link #rowsAreContiguous()}: index in x of row p's first column. */
    int contiguousRowStart(int p) {
        int n = p / outPerImage;
        int rem = p - n * outPerImage;
        int oy = rem / g.ow();
        int ox = rem - oy * g.ow();
        return ((n * g.h() + oy * g.strideH()) * g.w() + ox * g.strideW()) * g.cin() + channelOffset;
    }

    float[] input() {
        return x;
    }

    /**
     * Copies columns [k0, k0 + len) of rows [p0, p0 + count) to dst, row r at
     * {@code dstOff + r·dstStride}.
     */
    void copyRows(int p0, int count, int k0, int len, float[] dst, int dstOff, int dstStride) {
        Pixel px = new Pixel(p0);
        for (int r = 0; r < count; r++) {
            int d = dstOff + r * dstStride;
            int k = k0;
            int end = k0 + len;
            while (k < end) {
                int run = segment(px, k, end - k, dst, d);
                k += run;
                d += run;
            }
            px.next();
        }
    }

    /**
     * Copies rows [p0, p0 + count), columns [j0, j0 + cols) into GEMM B panels of {@code width}
     * columns (see {@code GemmB.packPanels}), zero-filling the last panel's tail.
     */
    void copyPanels(int p0, int count, int j0, int cols, float[] dst, int dstOff, int width) {
        int panelSize = count * width;
        int lastPanel = (cols - 1) / width;
        int lastCols = cols - lastPanel * width;
        Pixel px = new Pixel(p0);
        for (int p = 0; p < count; p++) {
            int j = 0;
            while (j < cols) {
                int panel = j / width;
                int within = j - panel * width;
                j += segment(px, j0 + j, Math.min(width - within, cols - j), dst, dstOff + panel * panelSize + p * width + within);
            }
            int d = dstOff + lastPanel * panelSize + p * width;
            Arrays.fill(dst, d + lastCols, d + width, 0f);
            px.next();
        }
    }

    /** An output pixel, stepped in row-major order without dividing each time. */
    private final class Pixel {
        int n;
        int oy;
        int ox;

        Pixel(int p) {
            n = p / outPerImage;
            int rem = p - n * outPerImage;
            oy = rem / g.ow();
            ox = rem - oy * g.ow();
        }

        void next() {
            if (++ox == g.ow()) {
                ox = 0;
                if (++oy == g.oh()) {
                    oy = 0;
                    n++;
                }
            }
        }
    }

    /**
     * Copies the longest contiguous stretch of the pixel's im2col row that starts at column k, at
     * most {@code max} columns, and returns its length: the rest of one tap's channels, or, when
     * the group spans all channels, also the following taps of the same filter row that stay
     * inside the image (neighbouring pixels are adjacent in NHWC). Taps in the padding are zeros.
     */
    private int segment(Pixel px, int k, int max, float[] dst, int d) {
        int ci = k - columnTapStart[k];
        int ky = columnKy[k];
        int kx = columnKx[k];
        int iy = px.oy * g.strideH() - g.padTop() + ky;
        int ix0 = px.ox * g.strideW() - g.padLeft();
        int ix = ix0 + kx;
        int run = cinG - ci;
        if (iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w()) {
            if (cinG == g.cin()) {
                run += (Math.min(g.kw(), g.w() - ix0) - 1 - kx) * cinG;
            }
            run = Math.min(run, max);
            copy(x, ((px.n * g.h() + iy) * g.w() + ix) * g.cin() + channelOffset + ci, dst, d, run);
        } else {
            run = Math.min(run, max);
            Arrays.fill(dst, d, d + run, 0f);
        }
        return run;
    }

    /** Short runs (a few input channels) are cheaper as a loop than as an arraycopy call. */
    static void copy(float[] src, int s, float[] dst, int d, int len) {
        if (len < 16) {
            for (int i = 0; i < len; i++) {
                dst[d + i] = src[s + i];
            }
        } else {
            System.arraycopy(src, s, dst, d, len);
        }
    }
}
