package dev.imgcls.kernels.cpu.nn;

import dev.imgcls.kernels.cpu.Parallel;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.LossOps;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.TensorAccess;

/**
 * FLOAT32 softmax family and l2_loss. Rows are independent and run in parallel; within a row the
 * maximum is subtracted before exponentiating and the exponential sum is kept in double.
 */
public final class CpuLossKernels {
    private CpuLossKernels() {
    }

    public static void register(KernelTable t) {
        t.put(LossOps.SOFTMAX, (a, in, out) -> {
            float[] x = TensorAccess.host(in[0]).floats();
            float[] y = TensorAccess.host(out[0]).floats();
            int cols = in[0].dim(-1);
            forRows(x.length / cols, cols, r -> {
                int base = r * cols;
                float max = rowMax(x, base, cols);
                double sum = 0;
                for (int c = 0; c < cols; c++) {
                    float e = (float) Math.exp(x[base + c] - max);
                    y[base + c] = e;
                    sum += e;
                }
                float inv = (float) (1 / sum);
                for (int c = 0; c < cols; c++) {
                    y[base + c] *= inv;
                }
            });
        });
        t.put(LossOps.LOG_SOFTMAX, (a, in, out) -> {
            float[] x = TensorAccess.host(in[0]).floats();
            float[] y = TensorAccess.host(out[0]).floats();
            int cols = in[0].dim(-1);
            forRows(x.length / cols, cols, r -> {
                int base = r * cols;
                float max = rowMax(x, base, cols);
                double sum = 0;
                for (int c = 0; c < cols; c++) {
                    sum += Math.exp(x[base + c] - max);
                }
                float logSum = (float) Math.log(sum);
                for (int c = 0; c < cols; c++) {
                    y[base + c] = x[base + c] - max - logSum;
                }
            });
        });
        t.put(LossOps.SOFTMAX_CROSS_ENTROPY, (a, in, out) -> {
            float[] logits = TensorAccess.host(in[0]).floats();
            int cols = in[0].dim(1);
            long[] labels = labelsOf(in[1]);
            float[] loss = TensorAccess.host(out[0]).floats();
            float[] backprop = TensorAccess.host(out[1]).floats();
            double ls = a.labelSmoothing();
            double off = ls / cols;
            double on = 1 - ls + off;
            forRows(labels.length, cols, r -> {
                int label = checkedLabel(labels[r], r, cols);
                int base = r * cols;
                float max = rowMax(logits, base, cols);
                double sum = 0;
                double sumShifted = 0;
                for (int c = 0; c < cols; c++) {
                    double z = logits[base + c] - max;
                    double e = Math.exp(z);
                    backprop[base + c] = (float) e;
                    sum += e;
                    sumShifted += z;
                }
                double labelShifted = logits[base + label] - max;
                // Σ_c t_c·(logΣexp − z_c) = logΣexp − Σ_c t_c·z_c, because Σ_c t_c = 1.
                // Without smoothing a −∞ logit off the label costs nothing (0·∞ would make it NaN), as TF.
                double offTerm = off == 0 ? 0 : off * sumShifted;
                loss[r] = (float) (Math.log(sum) - offTerm - (on - off) * labelShifted);
                float inv = (float) (1 / sum);
                float offF = (float) off;
                for (int c = 0; c < cols; c++) {
                    backprop[base + c] = backprop[base + c] * inv - offF;
                }
                backprop[base + label] -= (float) (on - off);
            });
        });
        t.put(LossOps.L2_LOSS, (a, in, out) -> {
            float[] x = TensorAccess.host(in[0]).floats();
            double[] total = RowPartials.columnSums(x.length, 1, (s, e, acc) -> acc[0] += sumOfSquares(x, s, e));
            TensorAccess.host(out[0]).floats()[0] = (float) (total[0] / 2);
        });
    }

    @FunctionalInterface
    private interface RowBody {
        void run(int row);
    }

    private static void forRows(int rows, int cols, RowBody body) {
        Parallel.forRange(rows, Math.max(1, (1 << 13) / Math.max(1, cols)), (s, e) -> {
            for (int r = s; r < e; r++) {
                body.run(r);
            }
        });
    }

    private static float rowMax(float[] x, int base, int cols) {
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < cols; c++) {
            max = Math.max(max, x[base + c]);
        }
        return max;
    }

    /** Σ x² over [start, end): 16 float lanes (a loop the JIT vectorises), flushed to double every 1024 elements. */
    private static double sumOfSquares(float[] x, int start, int end) {
        float[] lanes = new float[16];
        double total = 0;
        int i = start;
        while (i + 16 <= end) {
            int stop = Math.min(end - 15, i + 1024);
            for (; i < stop; i += 16) {
                for (int k = 0; k < 16; k++) {
                    lanes[k] += x[i + k] * x[i + k];
                }
            }
            for (int k = 0; k < 16; k++) {
                total += lanes[k];
                lanes[k] = 0;
            }
        }
        for (; i < end; i++) {
            total += (double) x[i] * x[i];
        }
        return total;
    }

    private static long[] labelsOf(Tensor labels) {
        if (labels.dtype() == DType.INT64) {
            return TensorAccess.host(labels).longs();
        }
        int[] ints = TensorAccess.host(labels).ints();
        long[] out = new long[ints.length];
        for (int i = 0; i < ints.length; i++) {
            out[i] = ints[i];
        }
        return out;
    }

    private static int checkedLabel(long label, int row, int classes) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("softmax_cross_entropy: label " + label + " of row " + row
                    + " is outside [0, " + classes + "); labels must be class indices below num_classes");
        }
        return (int) label;
    }
}
