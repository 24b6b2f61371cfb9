package dev.imgcls.kernels.cpu.conv;

import dev.imgcls.kernels.cpu.gemm.GemmB;
import dev.imgcls.tensor.ops.ConvOps.Geometry;

import java.util.Arrays;

/**
 * The input-gradient pass's B operand for one stride phase: row (t, co), column ci holds
 * w[ky_t, kx_t, ci, co] of the group — each tap's [Cin/g, Cout/g] slice of the filter, transposed.
 */
final class TransposedFilter implements GemmB {
    private final StridePhase phase;
    private final float[] w;
    private final int cinG;
    private final int coutG;
    private final int channelOffset;

    TransposedFilter(StridePhase phase, float[] w, int group) {
        this.phase = phase;
        this.w = w;
        Geometry g = phase.g;
        this.cinG = g.cin() / g.groups();
        this.coutG = g.cout() / g.groups();
        this.channelOffset = group * coutG;
    }

    @Override
    public void packPanels(int k0, int kc, int j0, int n, float[] dst, int dstOff, int width) {
        for (int q = 0; q * width < n; q++) {
            packPanel(k0, kc, j0 + q * width, Math.min(width, n - q * width), dst, dstOff + q * kc * width, width);
        }
    }

    private void packPanel(int k0, int kc, int j0, int n, float[] dst, int dstOff, int width) {
        Geometry g = phase.g;
        int cout = g.cout();
        for (int p = 0; p < kc; p++) {
            int k = k0 + p;
            int t = k / coutG;
            int co = k - t * coutG;
            int src = ((phase.tapY[t] * g.kw() + phase.tapX[t]) * cinG + j0) * cout + channelOffset + co;
            int d = dstOff + p * width;
            for (int j = 0; j < n; j++) {
                dst[d + j] = w[src + j * cout];
            }
            Arrays.fill(dst, d + n, d + width, 0f);
        }
    }
}
