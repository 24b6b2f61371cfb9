package dev.imgcls.kernels.cpu.conv;

import dev.imgcls.kernels.cpu.gemm.GemmA;
import dev.imgcls.tensor.ops.ConvOps.Geometry;

import java.util.Arrays;

/**
 * The input-gradient pass's A operand for one stride phase: row r (an input pixel of the phase),
 * column (t, co) = dy at the output pixel that tap t of the phase connects it to, channel co of
 * the group; zero where that output pixel lies outside dy.
 */
final class OutputGradientRows implements GemmA {
    private final StridePhase phase;
    private final float[] dy;
    private final int coutG;
    private final int channelOffset;

    OutputGradientRows(StridePhase phase, float[] dy, int group) {
        this.phase = phase;
        this.dy = dy;
        Geometry g = phase.g;
        this.coutG = g.cout() / g.groups();
        this.channelOffset = group * coutG;
    }

    @Override
    public void packRows(int row0, int rows, int k0, int kc, float[] dst, int dstOff, int dstStride) {
        Geometry g = phase.g;
        int perImage = phase.countY * phase.countX;
        int n = row0 / perImage;
        int rem = row0 - n * perImage;
        int i = rem / phase.countX;
        int j = rem - i * phase.countX;
        int t0 = k0 / coutG;
        int co0 = k0 - t0 * coutG;
        for (int r = 0; r < rows; r++) {
            // Output pixel oy·stride + ky = iy + padTop: ty − ky is a multiple of the stride.
            int ty = phase.iy0 + i * g.strideH() + g.padTop();
            int tx = phase.ix0 + j * g.strideW() + g.padLeft();
            int t = t0;
            int co = co0;
            int d = dstOff + r * dstStride;
            int end = d + kc;
            while (d < end) {
                int run = Math.min(coutG - co, end - d);
                int oyNum = ty - phase.tapY[t];
                int oxNum = tx - phase.tapX[t];
                int oy = oyNum / g.strideH();
                int ox = oxNum / g.strideW();
                if (oyNum >= 0 && oxNum >= 0 && oy < g.oh() && ox < g.ow()) {
                    Im2col.copy(dy, ((n * g.oh() + oy) * g.ow() + ox) * g.cout() + channelOffset + co, dst, d, run);
                } else {
                    Arrays.fill(dst, d, d + run, 0f);
                }
                d += run;
                co = 0;
                t++;
            }
            if (++j == phase.countX) {
                j = 0;
                if (++i == phase.countY) {
                    i = 0;
                    n++;
                }
            }
        }
    }
}
