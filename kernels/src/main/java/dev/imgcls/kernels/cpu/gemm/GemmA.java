package dev.imgcls.kernels.cpu.gemm;

/**
 * The left operand of C = A·B, an M×K matrix that may exist only implicitly (an im2col view of a
 * convolution input, a transposed matrix). The GEMM asks for one block at a time and reads it as
 * row-major rows, so a source either copies the block into a buffer or, when its rows already lie
 * contiguous along K in some array, lets the GEMM read them in place.
 */
public interface GemmA {
    /**
     * Writes A[row0 + r][k0 + p] for r &lt; rows, p &lt; kc to {@code dst[dstOff + r·dstStride + p]}.
     */
    void packRows(int row0, int rows, int k0, int kc, float[] dst, int dstOff, int dstStride);

    /** The array A's rows can be read from in place, or null when every block must be packed. */
    default float[] direct() {
        return null;
    }

    /** With {@link #direct()}: the index of A[row][k]; A[row][k + p] lies at that index + p. */
    default int directOffset(int row, int k) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no in-place rows");
    }
}
