package dev.imgcls.kernels.cpu;

import dev.imgcls.kernels.host.TypedArrays;

import java.util.Arrays;

/**
 * The one data-movement loop behind transpose, slice, pad, concat and broadcast, for every dtype:
 * copies a box of {@code dims} from a source array (element at {@code srcBase + Σ i·srcStrides})
 * to a destination array ({@code dstBase + Σ i·dstStrides}).
 *
 * <p>The box is first simplified (size-1 axes dropped, axes that are adjacent in both arrays
 * merged, so NHWC→NCHW becomes a batch of 2-D transposes), then copied one of three ways:
 * contiguous runs with {@code System.arraycopy} when the innermost axis is contiguous on both
 * sides; cache-blocked tiles when the source's contiguous axis is another one than the
 * destination's (a transpose: every tile's source rows and destination rows stay in L1);
 * otherwise strided rows. Work is split over {@link Parallel}.
 */
final class StridedCopy {
    /** Elements per parallel task at least. */
    private static final int GRAIN = 1 << 14;
    /**
     * Tile edge of the transposing copy. Measured on batches of 2-D float transposes (NHWC↔NCHW
     * at 56×56×64/80, 2048², 224²×3): 16 was never far from the best and avoided the 2–4×
     * slowdowns 32 and 64 showed on power-of-two strides.
     */
    private static final int TILE = 16;

    private StridedCopy() {
    }

    static void copy(Object src, int srcBase, int[] srcStrides, Object dst, int dstBase, int[] dstStrides, int[] dims) {
        int[] d = new int[dims.length];
        int[] ss = new int[dims.length];
        int[] ds = new int[dims.length];
        int n = 0;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 0) {
                return;
            }
            if (dims[i] == 1) {
                continue;
            }
            if (n > 0 && ss[n - 1] == srcStrides[i] * dims[i] && ds[n - 1] == dstStrides[i] * dims[i]) {
                d[n - 1] *= dims[i];
                ss[n - 1] = srcStrides[i];
                ds[n - 1] = dstStrides[i];
            } else {
                d[n] = dims[i];
                ss[n] = srcStrides[i];
                ds[n] = dstStrides[i];
                n++;
            }
        }
        if (n == 0) {
            TypedArrays.copy2d(src, srcBase, 0, 0, dst, dstBase, 0, 0, 1, 1);
            return;
        }
        d = Arrays.copyOf(d, n);
        ss = Arrays.copyOf(ss, n);
        ds = Arrays.copyOf(ds, n);
        int last = n - 1;
        int srcUnitAxis = -1;
        for (int i = 0; i < last; i++) {
            if (ss[i] == 1) {
                srcUnitAxis = i;
            }
        }
        if (ss[last] == 1 && ds[last] == 1) {
            runs(src, srcBase, ss, dst, dstBase, ds, d);
        } else if (ds[last] == 1 && srcUnitAxis >= 0) {
            tiles(src, srcBase, ss, dst, dstBase, ds, d, srcUnitAxis);
        } else {
            stridedRows(src, srcBase, ss, dst, dstBase, ds, d);
        }
    }

    /** Innermost axis contiguous on both sides: one arraycopy per row. */
    private static void runs(Object src, int srcBase, int[] ss, Object dst, int dstBase, int[] ds, int[] d) {
        int last = d.length - 1;
        int run = d[last];
        int[] outer = Arrays.copyOf(d, last);
        int rows = product(outer);
        int[] ssOuter = Arrays.copyOf(ss, last);
        int[] dsOuter = Arrays.copyOf(ds, last);
        Parallel.forRange(rows, Math.max(1, GRAIN / run), (s, e) -> {
            Odometer at = new Odometer(outer, ssOuter, dsOuter, s);
            for (int r = s; r < e; r++, at.next()) {
                System.arraycopy(src, srcBase + at.offsetA(), dst, dstBase + at.offsetB(), run);
            }
        });
    }

    private static void stridedRows(Object src, int srcBase, int[] ss, Object dst, int dstBase, int[] ds, int[] d) {
        int last = d.length - 1;
        int run = d[last];
        int[] outer = Arrays.copyOf(d, last);
        int[] ssOuter = Arrays.copyOf(ss, last);
        int[] dsOuter = Arrays.copyOf(ds, last);
        Parallel.forRange(product(outer), Math.max(1, GRAIN / run), (s, e) -> {
            Odometer at = new Odometer(outer, ssOuter, dsOuter, s);
            for (int r = s; r < e; r++, at.next()) {
                TypedArrays.copy2d(src, srcBase + at.offsetA(), 0, ss[last], dst, dstBase + at.offsetB(), 0, ds[last], 1, run);
            }
        });
    }

    /**
     * Axis {@code a} is contiguous in the source, the last axis {@code b} in the destination.
     * A task is one band of TILE destination-contiguous indices for one outer coordinate; it
     * walks the band in TILE×TILE tiles along a. Inside a tile the inner loop runs along the
     * longer side (the destination's on ties): a 3-long inner loop, as for RGB channels, costs
     * twice as much as the strided side's 16.
     */
    private static void tiles(Object src, int srcBase, int[] ss, Object dst, int dstBase, int[] ds, int[] d, int a) {
        int b = d.length - 1;
        int[] outer = new int[d.length - 2];
        int[] ssOuter = new int[outer.length];
        int[] dsOuter = new int[outer.length];
        for (int i = 0, j = 0; i < b; i++) {
            if (i != a) {
                outer[j] = d[i];
                ssOuter[j] = ss[i];
                dsOuter[j++] = ds[i];
            }
        }
        int bands = (d[b] + TILE - 1) / TILE;
        int lenA = d[a];
        int srcB = ss[b];
        int dstA = ds[a];
        int tasks = product(outer) * bands;
        Parallel.forRange(tasks, Math.max(1, GRAIN / (TILE * lenA)), (s, e) -> {
            for (int task = s; task < e; task++) {
                Odometer at = new Odometer(outer, ssOuter, dsOuter, task / bands);
                int b0 = (task % bands) * TILE;
                int rows = Math.min(TILE, d[b] - b0);
                for (int a0 = 0; a0 < lenA; a0 += TILE) {
                    int cols = Math.min(TILE, lenA - a0);
                    int srcOff = srcBase + at.offsetA() + b0 * srcB + a0;
                    int dstOff = dstBase + at.offsetB() + a0 * dstA + b0;
                    if (rows >= cols) {
                        TypedArrays.copy2d(src, srcOff, 1, srcB, dst, dstOff, dstA, 1, cols, rows);
                    } else {
                        TypedArrays.copy2d(src, srcOff, srcB, 1, dst, dstOff, 1, dstA, rows, cols);
                    }
                }
            }
        });
    }

    private static int product(int[] dims) {
        int p = 1;
        for (int v : dims) {
            p *= v;
        }
        return p;
    }

    /** Sets the whole array to value (converted to its dtype), in parallel. */
    static void fill(Object array, int length, double value) {
        Parallel.forRange(length, GRAIN * 4, (s, e) -> TypedArrays.fill(array, s, e, value));
    }
}
