package dev.imgcls.kernels.cpu;

import java.util.Arrays;

/**
 * A FLOAT32 reduction (sum or max) over the middle axis of {@code [outer, reduced, inner]},
 * accumulated in double. Parallel over output blocks when there are enough of them; otherwise
 * (a bias gradient: outer 1, inner = channels) over slices of the reduced axis, whose partial
 * results are combined in a fixed order.
 */
abstract class FloatReducer {
    private static final int GRAIN = 1 << 15;
    /** Columns per task when inner > 1. */
    private static final int BLOCK = 512;

    static final FloatReducer SUM = new FloatReducer(0.0) {
        @Override
        double contiguous(float[] x, int from, int n) {
            // Four independent chains: the adds overlap instead of waiting on one another.
            double a0 = 0;
            double a1 = 0;
            double a2 = 0;
            double a3 = 0;
            int i = from;
            for (int end = from + (n & ~3); i < end; i += 4) {
                a0 += x[i];
                a1 += x[i + 1];
                a2 += x[i + 2];
                a3 += x[i + 3];
            }
            for (int end = from + n; i < end; i++) {
                a0 += x[i];
            }
            return (a0 + a1) + (a2 + a3);
        }

        @Override
        void row(float[] x, int from, double[] acc, int accFrom, int n) {
            for (int j = 0; j < n; j++) {
                acc[accFrom + j] += x[from + j];
            }
        }

        @Override
        double combine(double a, double b) {
            return a + b;
        }
    };

    static final FloatReducer MAX = new FloatReducer(Double.NEGATIVE_INFINITY) {
        @Override
        double contiguous(float[] x, int from, int n) {
            float m = Float.NEGATIVE_INFINITY;
            for (int i = from, end = from + n; i < end; i++) {
                m = Math.max(m, x[i]);
            }
            return m;
        }

        @Override
        void row(float[] x, int from, double[] acc, int accFrom, int n) {
            for (int j = 0; j < n; j++) {
                acc[accFrom + j] = Math.max(acc[accFrom + j], x[from + j]);
            }
        }

        @Override
        double combine(double a, double b) {
            return Math.max(a, b);
        }
    };

    private final double identity;

    private FloatReducer(double identity) {
        this.identity = identity;
    }

    /** The result of reducing nothing: 0 for a sum, −∞ for a max. */
    double identity() {
        return identity;
    }

    /** The reduction of x[from, from+n). */
    abstract double contiguous(float[] x, int from, int n);

    /** acc[accFrom+j] = combine(acc[accFrom+j], x[from+j]) for j &lt; n. */
    abstract void row(float[] x, int from, double[] acc, int accFrom, int n);

    abstract double combine(double a, double b);

    void run(float[] x, ReducePlan p, float[] y) {
        int outer = p.outer();
        int red = p.reduced();
        int inner = p.inner();
        if (inner == 1) {
            Parallel.forRange(outer, Math.max(1, GRAIN / Math.max(1, red)), (s, e) -> {
                for (int o = s; o < e; o++) {
                    y[o] = (float) contiguous(x, o * red, red);
                }
            });
            return;
        }
        int blocks = (inner + BLOCK - 1) / BLOCK;
        if ((long) outer * blocks >= Parallel.threads() || (long) red * inner < GRAIN) {
            Parallel.forRange(outer * blocks, Math.max(1, GRAIN / (red * Math.min(inner, BLOCK) + 1)), (s, e) -> {
                double[] acc = new double[BLOCK];
                for (int task = s; task < e; task++) {
                    int o = task / blocks;
                    int j0 = (task % blocks) * BLOCK;
                    int n = Math.min(BLOCK, inner - j0);
                    Arrays.fill(acc, 0, n, identity);
                    for (int r = 0; r < red; r++) {
                        row(x, (o * red + r) * inner + j0, acc, 0, n);
                    }
                    for (int j = 0; j < n; j++) {
                        y[o * inner + j0 + j] = (float) acc[j];
                    }
                }
            });
            return;
        }
        int parts = Math.min(Parallel.threads(), red);
        double[][] partial = new double[parts][inner * outer];
        Parallel.forChunks(parts, (part, count) -> {
            double[] acc = partial[part];
            Arrays.fill(acc, identity);
            int r0 = (int) ((long) red * part / count);
            int r1 = (int) ((long) red * (part + 1) / count);
            for (int o = 0; o < outer; o++) {
                for (int r = r0; r < r1; r++) {
                    row(x, (o * red + r) * inner, acc, o * inner, inner);
                }
            }
        });
        for (int i = 0; i < y.length; i++) {
            double v = partial[0][i];
            for (int part = 1; part < parts; part++) {
                v = combine(v, partial[part][i]);
            }
            y[i] = (float) v;
        }
    }
}
