package dev.imgcls.kernels.cpu.gemm;

import java.util.Arrays;

/**
 * A row-major matrix inside a float array: element (r, c) of the stored matrix is
 * {@code data[offset + r·ld + c]}. Used as an operand it is op(stored), with op = transpose when
 * {@code transposed}; used as C it is taken as stored. Sub-matrices (a group's column slice) are
 * the same array with another offset.
 */
public record DenseMatrix(float[] data, int offset, int ld, boolean transposed) implements GemmA, GemmB, GemmC {
    public static DenseMatrix of(float[] data, int offset, int ld) {
        return new DenseMatrix(data, offset, ld, false);
    }

    @Override
    public void packRows(int row0, int rows, int k0, int kc, float[] dst, int dstOff, int dstStride) {
        if (!transposed) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(data, offset + (row0 + r) * ld + k0, dst, dstOff + r * dstStride, kc);
            }
            return;
        }
        // op(A)[i][k] = stored[k][i]: read stored rows contiguously, write the block's columns.
        for (int p = 0; p < kc; p++) {
            int src = offset + (k0 + p) * ld + row0;
            int d = dstOff + p;
            for (int r = 0; r < rows; r++) {
                dst[d + r * dstStride] = data[src + r];
            }
        }
    }

    @Override
    public float[] direct() {
        return transposed ? null : data;
    }

    @Override
    public int directOffset(int row, int k) {
        return offset + row * ld + k;
    }

    @Override
    public void packPanels(int k0, int kc, int j0, int cols, float[] dst, int dstOff, int width) {
        for (int q = 0; q * width < cols; q++) {
            packPanel(k0, kc, j0 + q * width, Math.min(width, cols - q * width), dst, dstOff + q * kc * width, width);
        }
    }

    private void packPanel(int k0, int kc, int j0, int cols, float[] dst, int dstOff, int width) {
        if (!transposed) {
            for (int p = 0; p < kc; p++) {
                int d = dstOff + p * width;
                System.arraycopy(data, offset + (k0 + p) * ld + j0, dst, d, cols);
                Arrays.fill(dst, d + cols, d + width, 0f);
            }
            return;
        }
        // op(B)[k][j] = stored[j][k]: each stored row j gives one column of the panel.
        for (int j = 0; j < cols; j++) {
            int src = offset + (j0 + j) * ld + k0;
            int d = dstOff + j;
            for (int p = 0; p < kc; p++) {
                dst[d + p * width] = data[src + p];
            }
        }
        if (cols < width) {
            for (int p = 0; p < kc; p++) {
                int d = dstOff + p * width;
                Arrays.fill(dst, d + cols, d + width, 0f);
            }
        }
    }

    @Override
    public float[] array() {
        return data;
    }

    @Override
    public int rowOffset(int row) {
        return offset + row * ld;
    }
}
