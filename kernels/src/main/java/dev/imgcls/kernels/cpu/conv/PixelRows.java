package dev.imgcls.kernels.cpu.conv;

import dev.imgcls.kernels.cpu.gemm.GemmA;
import dev.imgcls.kernels.cpu.gemm.GemmB;
import dev.imgcls.kernels.cpu.gemm.GemmC;

import java.util.Arrays;

/**
 * A matrix whose row i is the channel vector of pixel {@code pixels[i]} of an NHWC tensor:
 * {@code data[pixels[i]·channels + c]}. Serves as a GEMM's A (read in place), B (rows packed into
 * panels) or C (rows scattered), and through {@link #transposed()} as an A whose K runs over the
 * pixels (a filter gradient's x<sup>T</sup>).
 */
final class PixelRows implements GemmA, GemmB, GemmC {
    private final float[] data;
    private final int[] pixels;
    private final int channels;

    PixelRows(float[] data, int[] pixels, int channels) {
        this.data = data;
        this.pixels = pixels;
        this.channels = channels;
    }

    @Override
    public void packRows(int row0, int rows, int k0, int kc, float[] dst, int dstOff, int dstStride) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(data, pixels[row0 + r] * channels + k0, dst, dstOff + r * dstStride, kc);
        }
    }

    @Override
    public float[] direct() {
        return data;
    }

    @Override
    public int directOffset(int row, int k) {
        return pixels[row] * channels + k;
    }

    @Override
    public void packPanels(int k0, int kc, int j0, int cols, float[] dst, int dstOff, int width) {
        for (int q = 0; q * width < cols; q++) {
            int panelCols = Math.min(width, cols - q * width);
            int panel = dstOff + q * kc * width;
            for (int p = 0; p < kc; p++) {
                int d = panel + p * width;
                System.arraycopy(data, pixels[k0 + p] * channels + j0 + q * width, dst, d, panelCols);
                Arrays.fill(dst, d + panelCols, d + width, 0f);
            }
        }
    }

    @Override
    public float[] array() {
        return data;
    }

    @Override
    public int rowOffset(int row) {
        return pixels[row] * channels;
    }

    /** The channels × pixels transpose as a GEMM A operand (packed; K = this matrix's rows). */
    GemmA transposed() {
        return (row0, rows, k0, kc, dst, dstOff, dstStride) -> {
            for (int p = 0; p < kc; p++) {
                int src = pixels[k0 + p] * channels + row0;
                int d = dstOff + p;
                for (int r = 0; r < rows; r++) {
                    dst[d + r * dstStride] = data[src + r];
                }
            }
        };
    }
}
