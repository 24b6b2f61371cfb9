package dev.imgcls.kernels.cpu.conv;

import dev.imgcls.kernels.cpu.gemm.GemmA;

/**
 * The forward pass's A operand: im2col rows, gathered block by block into the GEMM's buffer, or
 * read in place when the convolution is 1×1 without padding (then each row is one input pixel's
 * channels and the convolution is a plain GEMM on the input).
 */
final class Im2colRows implements GemmA {
    private final Im2col cols;
    private final boolean contiguous;

    Im2colRows(Im2col cols) {
        this.cols = cols;
        this.contiguous = cols.rowsAreContiguous();
    }

    @Override
    public void packRows(int row0, int rows, int k0, int kc, float[] dst, int dstOff, int dstStride) {
        cols.copyRows(row0, rows, k0, kc, dst, dstOff, dstStride);
    }

    @Override
    public float[] direct() {
        return contiguous ? cols.input() : null;
    }

    @Override
    public int directOffset(int row, int k) {
        return cols.contiguousRowStart(row) + k;
    }
}
