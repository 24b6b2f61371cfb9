package dev.imgcls.kernels.cpu.gemm;

/**
 * The right operand of C = A·B, a K×N matrix that may exist only implicitly. The GEMM packs it
 * into panels: for each k, {@code width} consecutive floats holding the columns of the panel.
 */
public interface GemmB {
    /**
     * Writes B[k0 + p][j0 + j] for p &lt; kc, j &lt; cols to {@code dst[dstOff + p·width + j]} and zero
     * to the columns cols ≤ j &lt; width (the kernel computes whole panels; padding must not add).
     */
    void packPanel(int k0, int kc, int j0, int cols, float[] dst, int dstOff, int width);
}
