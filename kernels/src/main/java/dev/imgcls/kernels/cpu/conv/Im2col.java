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

    Im2col(Geometry g, float[] x, int group) {
        this.g = g;
        this.x = x;
        this.cinG = g.cin() / g.groups();
        this.channelOffset = group * cinG;
        this.outPerImage = g.oh() * g.ow();
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

    /** Copies columns [k0, k0 + len) of row p to dst[dstOff…]. */
    void copyRow(int p, int k0, int len, float[] dst, int dstOff) {
        int n = p / outPerImage;
        int rem = p - n * outPerImage;
        int oy = rem / g.ow();
        int ox = rem - oy * g.ow();
        int iy0 = oy * g.strideH() - g.padTop();
        int ix0 = ox * g.strideW() - g.padLeft();
        int imageBase = n * g.h();
        int tap = k0 / cinG;
        int ci = k0 - tap * cinG;
        int ky = tap / g.kw();
        int kx = tap - ky * g.kw();
        int d = dstOff;
        int end = dstOff + len;
        while (d < end) {
            int run = Math.min(cinG - ci, end - d);
            int iy = iy0 + ky;
            int ix = ix0 + kx;
            if (iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w()) {
                copy(x, ((imageBase + iy) * g.w() + ix) * g.cin() + channelOffset + ci, dst, d, run);
            } else {
                Arrays.fill(dst, d, d + run, 0f);
            }
            d += run;
            ci = 0;
            if (++kx == g.kw()) {
                kx = 0;
                ky++;
            }
        }
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
