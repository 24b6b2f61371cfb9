package dev.imgcls.kernels.host;

/**
 * The few loops that touch a host array of unknown element type (float[], double[], int[],
 * long[] or byte[]), so that data-movement kernels are written once for every dtype: they plan
 * offsets and strides, and call these for the element copies. Source and destination of a copy
 * must be arrays of the same type.
 */
public final class TypedArrays {
    private TypedArrays() {
    }

    /**
     * A 2-D strided copy: for r &lt; rows, c &lt; cols,
     * {@code dst[dstOff + r·dstR + c·dstC] = src[srcOff + r·srcR + c·srcC]}. A 1-D strided copy is
     * rows = 1; a transposing tile copy swaps which side has the unit stride.
     */
    public static void copy2d(Object src, int srcOff, int srcR, int srcC,
                              Object dst, int dstOff, int dstR, int dstC, int rows, int cols) {
        if (src instanceof float[] s) {
            float[] d = (float[]) dst;
            for (int r = 0; r < rows; r++) {
                for (int c = 0, si = srcOff + r * srcR, di = dstOff + r * dstR; c < cols; c++, si += srcC, di += dstC) {
                    d[di] = s[si];
                }
            }
        } else if (src instanceof int[] s) {
            int[] d = (int[]) dst;
            for (int r = 0; r < rows; r++) {
                for (int c = 0, si = srcOff + r * srcR, di = dstOff + r * dstR; c < cols; c++, si += srcC, di += dstC) {
                    d[di] = s[si];
                }
            }
        } else if (src instanceof long[] s) {
            long[] d = (long[]) dst;
            for (int r = 0; r < rows; r++) {
                for (int c = 0, si = srcOff + r * srcR, di = dstOff + r * dstR; c < cols; c++, si += srcC, di += dstC) {
                    d[di] = s[si];
                }
            }
        } else if (src instanceof byte[] s) {
            byte[] d = (byte[]) dst;
            for (int r = 0; r < rows; r++) {
                for (int c = 0, si = srcOff + r * srcR, di = dstOff + r * dstR; c < cols; c++, si += srcC, di += dstC) {
                    d[di] = s[si];
                }
            }
        } else if (src instanceof double[] s) {
            double[] d = (double[]) dst;
            for (int r = 0; r < rows; r++) {
                for (int c = 0, si = srcOff + r * srcR, di = dstOff + r * dstR; c < cols; c++, si += srcC, di += dstC) {
                    d[di] = s[si];
                }
            }
        } else {
            throw new IllegalArgumentException("not a host tensor array: " + src.getClass());
        }
    }

    /**
     * Sets {@code array[from, to)} to {@code value} converted as {@link dev.imgcls.tensor.spi.HostStorage#setDouble}
     * does (integers truncate toward zero, UINT8 wraps).
     */
    public static void fill(Object array, int from, int to, double value) {
        if (array instanceof float[] a) {
            java.util.Arrays.fill(a, from, to, (float) value);
        } else if (array instanceof int[] a) {
            java.util.Arrays.fill(a, from, to, (int) value);
        } else if (array instanceof long[] a) {
            java.util.Arrays.fill(a, from, to, (long) value);
        } else if (array instanceof byte[] a) {
            java.util.Arrays.fill(a, from, to, (byte) (int) value);
        } else if (array instanceof double[] a) {
            java.util.Arrays.fill(a, from, to, value);
        } else {
            throw new IllegalArgumentException("not a host tensor array: " + array.getClass());
        }
    }
}
