package dev.imgcls.kernels.cpu.conv;

import dev.imgcls.tensor.ops.ConvOps.Geometry;

import java.util.Arrays;

/**
 * The 2×2 output tiles of a 3×3 stride-1 convolution, numbered image by image in row-major
 * order, with their 4×4 input windows (stride 2, overlapping by 2). A block of tiles starting at
 * tile p0 is transformed into matrices with {@code block} rows: value ξ of the block's tile r
 * lies at {@code ξ·block·channels + r·channels}, which makes each ξ a row-major GEMM operand.
 * Tiles past the bottom or right edge of an odd-sized output are partial: their missing
 * outputs are not written and their missing output gradients count as zero.
 */
final class WinogradTiles {
    private final Geometry g;
    private final int tilesWide;
    private final int perImage;

    WinogradTiles(Geometry g) {
        this.g = g;
        this.tilesWide = (g.ow() + 1) / 2;
        this.perImage = (g.oh() + 1) / 2 * tilesWide;
    }

    /** Tiles over the whole batch. */
    int count() {
        return g.n() * perImage;
    }

    /** Transforms the input windows of the block's tiles [r0, r1) into v, copying windows that leave the image to patch first. */
    void inputs(float[] x, int p0, int r0, int r1, int block, float[] v, float[] patch) {
        int cin = g.cin();
        int xi = block * cin;
        for (int r = r0; r < r1; r++) {
            int p = p0 + r;
            int n = p / perImage;
            int rem = p - n * perImage;
            int ty = rem / tilesWide;
            int iy0 = 2 * ty - g.padTop();
            int ix0 = 2 * (rem - ty * tilesWide) - g.padLeft();
            if (iy0 >= 0 && iy0 + 4 <= g.h() && ix0 >= 0 && ix0 + 4 <= g.w()) {
                WinogradTransforms.input(x, ((n * g.h() + iy0) * g.w() + ix0) * cin, g.w() * cin, cin, v, r * cin, xi, cin);
            } else {
                window(x, n, iy0, ix0, patch);
                WinogradTransforms.input(patch, 0, 4 * cin, cin, v, r * cin, xi, cin);
            }
        }
    }

    /** The 4×4 window at (iy0, ix0) of image n into patch, zeros outside the image. */
    private void window(float[] x, int n, int iy0, int ix0, float[] patch) {
        int cin = g.cin();
        for (int r = 0; r < 4; r++) {
            int iy = iy0 + r;
            for (int q = 0; q < 4; q++) {
                int ix = ix0 + q;
                int d = (4 * r + q) * cin;
                if (iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w()) {
                    System.arraycopy(x, ((n * g.h() + iy) * g.w() + ix) * cin, patch, d, cin);
                } else {
                    Arrays.fill(patch, d, d + cin, 0f);
                }
            }
        }
    }

    /** Output transforms of the block's tiles [r0, r1) from the products m into y (NHWC, overwritten). */
    void outputs(float[] m, int p0, int r0, int r1, int block, float[] y) {
        int cout = g.cout();
        int xi = block * cout;
        for (int r = r0; r < r1; r++) {
            int p = p0 + r;
            int n = p / perImage;
            int rem = p - n * perImage;
            int ty = rem / tilesWide;
            int oy0 = 2 * ty;
            int ox0 = 2 * (rem - ty * tilesWide);
            WinogradTransforms.output(m, r * cout, xi, y, ((n * g.oh() + oy0) * g.ow() + ox0) * cout, g.ow() * cout, cout,
                    Math.min(2, g.oh() - oy0), Math.min(2, g.ow() - ox0), cout);
        }
    }

    /** The products' gradients of the block's tiles [r0, r1) from the output gradient dy into dm. */
    void outputGradients(float[] dy, int p0, int r0, int r1, int block, float[] dm) {
        int cout = g.cout();
        int xi = block * cout;
        for (int r = r0; r < r1; r++) {
            int p = p0 + r;
            int n = p / perImage;
            int rem = p - n * perImage;
            int ty = rem / tilesWide;
            int oy0 = 2 * ty;
            int ox0 = 2 * (rem - ty * tilesWide);
            WinogradTransforms.outputGradient(dy, ((n * g.oh() + oy0) * g.ow() + ox0) * cout, g.ow() * cout, cout,
                    Math.min(2, g.oh() - oy0), Math.min(2, g.ow() - ox0), dm, r * cout, xi, cout);
        }
    }
}
