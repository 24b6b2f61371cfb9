package dev.imgcls.kernels.cpu.nn;

import dev.imgcls.kernels.cpu.Parallel;

/**
 * Column sums over the rows of a [rows, width] problem, split over {@link Parallel}'s threads:
 * each thread fills its own double[width] partial and the partials are added in a fixed order, so
 * the result does not depend on scheduling. Bodies add rows into a small float block of
 * {@link #BLOCK_ROWS} rows (a plain loop the JIT vectorises) and flush it into the double
 * partial, which keeps the rounding error of a sum over millions of rows at float-block size.
 */
final class RowPartials {
    /** Rows summed in float before flushing into double. */
    static final int BLOCK_ROWS = 32;

    private static final int MIN_ELEMENTS_PER_CHUNK = 1 << 14;

    private RowPartials() {
    }

    /** Adds the column sums of rows [start, end) into partial. */
    @FunctionalInterface
    interface Body {
        void run(int start, int end, double[] partial);
    }

    static double[] columnSums(int rows, int width, Body body) {
        int minRows = Math.max(1, MIN_ELEMENTS_PER_CHUNK / Math.max(1, width));
        int chunks = Math.max(1, Math.min(Parallel.threads(), rows / minRows));
        double[][] partials = new double[chunks][width];
        Parallel.forChunks(chunks, (i, count) -> {
            int start = (int) ((long) rows * i / count);
            int end = (int) ((long) rows * (i + 1) / count);
            body.run(start, end, partials[i]);
        });
        double[] total = partials[0];
        for (int i = 1; i < chunks; i++) {
            for (int c = 0; c < width; c++) {
                total[c] += partials[i][c];
            }
        }
        return total;
    }

    /** partial[offset + c] += block[c], then clears block. */
    static void flush(float[] block, double[] partial, int offset) {
        for (int c = 0; c < block.length; c++) {
            partial[offset + c] += block[c];
            block[c] = 0;
        }
    }

    /** Rows per parallel task for a row-wise pass over rows of {@code width} elements. */
    static int rowGrain(int width) {
        return Math.max(1, (1 << 15) / Math.max(1, width));
    }
}
