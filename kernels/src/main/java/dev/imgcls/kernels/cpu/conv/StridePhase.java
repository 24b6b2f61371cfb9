package dev.imgcls.kernels.cpu.conv;

import dev.imgcls.kernels.cpu.gemm.GemmC;
import dev.imgcls.tensor.ops.ConvOps.Geometry;

/**
 * One stride phase of the input-gradient pass. Input pixel (iy, ix) receives dy(oy, ox)·w(ky, kx)
 * exactly when iy + padTop = oy·strideH + ky (and likewise along x), so the input pixels with
 * (iy + padTop) mod strideH = ry meet only the taps ky ≡ ry (mod strideH). Each residue pair is
 * an ordinary GEMM with no wasted taps: its rows are those input pixels, its K runs over the
 * phase's taps × output channels. Also the GEMM's C: the rows of dx it writes.
 */
final class StridePhase implements GemmC {
    final Geometry g;
    /** First input row/column of the phase and how many there are. */
    final int iy0;
    final int ix0;
    final int countY;
    final int countX;
    /** The phase's taps. */
    final int[] tapY;
    final int[] tapX;
    private final float[] dx;
    private final int channelOffset;

    StridePhase(Geometry g, int ry, int rx, float[] dx, int group) {
        this.g = g;
        this.dx = dx;
        this.channelOffset = group * (g.cin() / g.groups());
        this.iy0 = Math.floorMod(ry - g.padTop(), g.strideH());
        this.ix0 = Math.floorMod(rx - g.padLeft(), g.strideW());
        this.countY = iy0 < g.h() ? (g.h() - iy0 + g.strideH() - 1) / g.strideH() : 0;
        this.countX = ix0 < g.w() ? (g.w() - ix0 + g.strideW() - 1) / g.strideW() : 0;
        int ny = taps(ry, g.kh(), g.strideH());
        int nx = taps(rx, g.kw(), g.strideW());
        tapY = new int[ny * nx];
        tapX = new int[ny * nx];
        int t = 0;
        for (int ky = ry; ky < g.kh(); ky += g.strideH()) {
            for (int kx = rx; kx < g.kw(); kx += g.strideW()) {
                tapY[t] = ky;
                tapX[t] = kx;
                t++;
            }
        }
    }

    private static int taps(int residue, int k, int stride) {
        return residue < k ? (k - residue + stride - 1) / stride : 0;
    }

    int rows() {
        return g.n() * countY * countX;
    }

    int taps() {
        return tapY.length;
    }

    /** Index in the NHWC input of row r's pixel, channel 0. */
    int pixelOffset(int r) {
        int perImage = countY * countX;
        int n = r / perImage;
        int rem = r - n * perImage;
        int i = rem / countX;
        int j = rem - i * countX;
        return ((n * g.h() + iy0 + i * g.strideH()) * g.w() + ix0 + j * g.strideW()) * g.cin();
    }

    @Override
    public float[] array() {
        return dx;
    }

    @Override
    public int rowOffset(int row) {
        return pixelOffset(row) + channelOffset;
    }
}
