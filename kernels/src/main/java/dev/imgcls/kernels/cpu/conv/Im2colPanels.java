package dev.imgcls.kernels.cpu.conv;

import dev.imgcls.kernels.cpu.gemm.GemmB;

import java.util.Arrays;

/**
 * The filter gradient's B operand: the im2col matrix itself, K = output pixels by N = filter
 * rows, so that dWᵀ = dYᵀ·im2col. Packing copies contiguous channel runs of each pixel.
 */
final class Im2colPanels implements GemmB {
    private final Im2col cols;

    Im2colPanels(Im2col cols) {
        this.cols = cols;
    }

    @Override
    public void packPanel(int k0, int kc, int j0, int n, float[] dst, int dstOff, int width) {
        for (int p = 0; p < kc; p++) {
            int d = dstOff + p * width;
            cols.copyRow(k0 + p, j0, n, dst, d);
            Arrays.fill(dst, d + n, d + width, 0f);
        }
    }
}
