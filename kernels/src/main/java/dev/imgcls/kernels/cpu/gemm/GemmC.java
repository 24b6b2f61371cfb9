package dev.imgcls.kernels.cpu.gemm;

/**
 * Where C = A·B lands: row i's N values lie contiguous from {@link #rowOffset} in
 * {@link #array()}, while the rows themselves may be scattered (every output pixel of one stride
 * phase, a column slice of a wider matrix).
 */
public interface GemmC {
    float[] array();

    /** Index of C[row][0]. */
    int rowOffset(int row);
}
