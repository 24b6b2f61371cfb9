package dev.imgcls.kernels.cpu.conv;

import dev.imgcls.kernels.cpu.gemm.GemmB;

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
    public void packPanels(int k0, int kc, int j0, int n, float[] dst, int dstOff, int width) {
        cols.copyPanels(k0, kc, j0, n, dst, dstOff, width);
    }
}
