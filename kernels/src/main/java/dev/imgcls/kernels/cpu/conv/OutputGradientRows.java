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
        for (int r = 0; r < rows; r++) {
            int row = row0 + r;
            int n = phase.image(row);
            int ty = phase.inputY(row) + g.padTop();
            int tx = phase.inputX(row) + g.padLeft();
            int t = k0 / coutG;
            int co = k0 - t * coutG;
            int d = dstOff + r * dstStride;
            int end = d + kc;
            while (d < end) {
                int run = Math.min(coutG - co, end - d);
                // ty − ky is a multiple of the stride by construction of the phase.
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
        }
    }
}
