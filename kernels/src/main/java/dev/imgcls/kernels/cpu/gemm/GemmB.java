package dev.imgcls.kernels.cpu.gemm;

/**
 * The right operand of C = A·B, a K×N matrix that may exist only implicitly. The GEMM packs a
 * KC×NC block at a time into consecutive panels of {@code width} columns: panel q holds columns
 * [j0 + q·width, j0 + (q+1)·width) as kc rows of width floats.
 */
public interface GemmB {
    /**
     * Writes B[k0 + p][j0 + j] for p &lt; kc, j &lt; cols to
     * {@code dst[dstOff + (j / width)·kc·width + p·width + j % width]}, and zero to the columns of
     * the last panel past cols (the kernel computes whole panels; the padding must not add).
     */
    void packPanels(int k0, int kc, int j0, int cols, float[] dst, int dstOff, int width);
}
