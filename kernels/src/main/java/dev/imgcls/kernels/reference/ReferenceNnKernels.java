package dev.imgcls.kernels.reference;

import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.LossOps;
import dev.imgcls.tensor.ops.NormOps;
import dev.imgcls.tensor.ops.PoolOps;
import dev.imgcls.tensor.ops.PoolOps.PoolGeometry;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.TensorAccess;

/**
 * Pooling, batch norm and losses by their definitions, in double: every window is scanned
 * explicitly, statistics are two-pass (mean, then squared deviations), softmax subtracts the row
 * maximum. Outputs are computed in full and stored once. Max pooling uses Math.max, so a NaN in a
 * window gives a NaN output; which pixel then receives that window's gradient is unspecified.
 */
final class ReferenceNnKernels {
    private ReferenceNnKernels() {
    }

    static void register(KernelTable t) {
        registerPooling(t);
        registerBatchNorm(t);
        registerLosses(t);
    }

    // ---- pooling ------------------------------------------------------------------------------

    private static int pixel(PoolGeometry g, int n, int row, int col) {
        return ((n * g.h() + row) * g.w() + col) * g.c();
    }

    private static int pooledPixel(PoolGeometry g, int n, int i, int j) {
        return ((n * g.oh() + i) * g.ow() + j) * g.c();
    }

    /** Flat index of the first maximum of window (n, i, j) in channel ch, scanning rows then columns. */
    private static int argMax(PoolGeometry g, HostStorage x, int n, int i, int j, int ch) {
        int best = -1;
        double bestValue = 0;
        for (int r = g.rowStart(i); r < g.rowEnd(i); r++) {
            for (int c = g.colStart(j); c < g.colEnd(j); c++) {
                int at = pixel(g, n, r, c) + ch;
                double v = x.getDouble(at);
                if (best < 0 || v > bestValue) {
                    best = at;
                    bestValue = v;
                }
            }
        }
        return best;
    }

    private static int windowSize(PoolGeometry g, int i, int j) {
        return (g.rowEnd(i) - g.rowStart(i)) * (g.colEnd(j) - g.colStart(j));
    }

    private static void registerPooling(KernelTable t) {
        t.put(PoolOps.MAX_POOL, (a, in, out) -> {
            PoolGeometry g = a.geometry(in[0].shape());
            HostStorage x = TensorAccess.host(in[0]);
            HostStorage y = TensorAccess.host(out[0]);
            forEachPooled(g, (n, i, j, ch, yi) -> {
                double max = Double.NEGATIVE_INFINITY;
                for (int r = g.rowStart(i); r < g.rowEnd(i); r++) {
                    for (int c = g.colStart(j); c < g.colEnd(j); c++) {
                        max = Math.max(max, x.getDouble(pixel(g, n, r, c) + ch));
                    }
                }
                y.setDouble(yi, max);
            });
        });
        t.put(PoolOps.MAX_POOL_GRAD, (a, in, out) -> {
            PoolGeometry g = a.geometry(in[0].shape());
            HostStorage x = TensorAccess.host(in[0]);
            HostStorage dy = TensorAccess.host(in[2]);
            double[] dx = new double[out[0].numel()];
            forEachPooled(g, (n, i, j, ch, yi) -> dx[argMax(g, x, n, i, j, ch)] += dy.getDouble(yi));
            store(dx, out[0]);
        });
        t.put(PoolOps.AVG_POOL, (a, in, out) -> {
            PoolGeometry g = a.geometry(in[0].shape());
            HostStorage x = TensorAccess.host(in[0]);
            HostStorage y = TensorAccess.host(out[0]);
            forEachPooled(g, (n, i, j, ch, yi) -> {
                double sum = 0;
                for (int r = g.rowStart(i); r < g.rowEnd(i); r++) {
                    for (int c = g.colStart(j); c < g.colEnd(j); c++) {
                        sum += x.getDouble(pixel(g, n, r, c) + ch);
                    }
                }
                y.setDouble(yi, sum / windowSize(g, i, j));
            });
        });
        t.put(PoolOps.AVG_POOL_GRAD, (a, in, out) -> {
            PoolGeometry g = a.pool().geometry(a.inputShape());
            HostStorage dy = TensorAccess.host(in[0]);
            double[] dx = new double[out[0].numel()];
            forEachPooled(g, (n, i, j, ch, yi) -> {
                double share = dy.getDouble(yi) / windowSize(g, i, j);
                for (int r = g.rowStart(i); r < g.rowEnd(i); r++) {
                    for (int c = g.colStart(j); c < g.colEnd(j); c++) {
                        dx[pixel(g, n, r, c) + ch] += share;
                    }
                }
            });
            store(dx, out[0]);
        });
    }

    private interface PooledVisitor {
        void visit(int n, int i, int j, int ch, int yi);
    }

    private static void forEachPooled(PoolGeometry g, PooledVisitor v) {
        for (int n = 0; n < g.n(); n++) {
            for (int i = 0; i < g.oh(); i++) {
                for (int j = 0; j < g.ow(); j++) {
                    for (int ch = 0; ch < g.c(); ch++) {
                        v.visit(n, i, j, ch, pooledPixel(g, n, i, j) + ch);
                    }
                }
            }
        }
    }

    // ---- batch norm ---------------------------------------------------------------------------

    /** Per-channel mean and biased variance of x viewed as [M, C]. */
    private static double[][] moments(HostStorage x, int rows, int channels) {
        double[] mean = new double[channels];
        double[] var = new double[channels];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < channels; c++) {
                mean[c] += x.getDouble(r * channels + c);
            }
        }
        for (int c = 0; c < channels; c++) {
            mean[c] /= rows;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < channels; c++) {
                double d = x.getDouble(r * channels + c) - mean[c];
                var[c] += d * d;
            }
        }
        for (int c = 0; c < channels; c++) {
            var[c] /= rows;
        }
        return new double[][] {mean, var};
    }

    private static void normalize(HostStorage x, double[] mean, double[] var, HostStorage gamma, HostStorage beta,
                                  double epsilon, HostStorage y, int rows, int channels) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < channels; c++) {
                int i = r * channels + c;
                double scale = gamma.getDouble(c) / Math.sqrt(var[c] + epsilon);
                y.setDouble(i, (x.getDouble(i) - mean[c]) * scale + beta.getDouble(c));
            }
        }
    }

    private static double[] read(Tensor t) {
        HostStorage h = TensorAccess.host(t);
        double[] v = new double[t.numel()];
        for (int i = 0; i < v.length; i++) {
            v[i] = h.getDouble(i);
        }
        return v;
    }

    private static void registerBatchNorm(KernelTable t) {
        t.put(NormOps.BATCH_NORM_TRAIN, (a, in, out) -> {
            int channels = in[0].dim(-1);
            int rows = in[0].numel() / channels;
            double[][] m = moments(TensorAccess.host(in[0]), rows, channels);
            normalize(TensorAccess.host(in[0]), m[0], m[1], TensorAccess.host(in[1]), TensorAccess.host(in[2]), a.epsilon(),
                    TensorAccess.host(out[0]), rows, channels);
            store(m[0], out[1]);
            store(m[1], out[2]);
        });
        t.put(NormOps.BATCH_NORM_INFER, (a, in, out) -> {
            int channels = in[0].dim(-1);
            int rows = in[0].numel() / channels;
            normalize(TensorAccess.host(in[0]), read(in[3]), read(in[4]), TensorAccess.host(in[1]), TensorAccess.host(in[2]),
                    a.epsilon(), TensorAccess.host(out[0]), rows, channels);
        });
        t.put(NormOps.BATCH_NORM_GRAD, (a, in, out) -> {
            HostStorage dy = TensorAccess.host(in[0]);
            HostStorage x = TensorAccess.host(in[1]);
            double[] gamma = read(in[2]);
            double[] mean = read(in[3]);
            double[] var = read(in[4]);
            int channels = gamma.length;
            int rows = in[1].numel() / channels;
            double[] invStd = new double[channels];
            for (int c = 0; c < channels; c++) {
                invStd[c] = 1 / Math.sqrt(var[c] + a.epsilon());
            }
            double[] dbeta = new double[channels];
            double[] dgamma = new double[channels];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < channels; c++) {
                    int i = r * channels + c;
                    dbeta[c] += dy.getDouble(i);
                    dgamma[c] += dy.getDouble(i) * (x.getDouble(i) - mean[c]) * invStd[c];
                }
            }
            HostStorage dx = TensorAccess.host(out[0]);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < channels; c++) {
                    int i = r * channels + c;
                    double g = dy.getDouble(i);
                    if (a.training()) {
                        double xhat = (x.getDouble(i) - mean[c]) * invStd[c];
                        g = g - dbeta[c] / rows - xhat * dgamma[c] / rows;
                    }
                    dx.setDouble(i, gamma[c] * invStd[c] * g);
                }
            }
            store(dgamma, out[1]);
            store(dbeta, out[2]);
        });
    }

    // ---- losses -------------------------------------------------------------------------------

    /** Row r of x viewed as [rows, cols], shifted so its maximum is 0. */
    private static double[] shiftedRow(HostStorage x, int r, int cols) {
        double[] z = new double[cols];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < cols; c++) {
            z[c] = x.getDouble(r * cols + c);
            max = Math.max(max, z[c]);
        }
        for (int c = 0; c < cols; c++) {
            z[c] -= max;
        }
        return z;
    }

    private static double sumExp(double[] z) {
        double s = 0;
        for (double v : z) {
            s += Math.exp(v);
        }
        return s;
    }

    private static void registerLosses(KernelTable t) {
        t.put(LossOps.SOFTMAX, (a, in, out) -> {
            int cols = in[0].dim(-1);
            HostStorage y = TensorAccess.host(out[0]);
            for (int r = 0; r < in[0].numel() / cols; r++) {
                double[] z = shiftedRow(TensorAccess.host(in[0]), r, cols);
                double s = sumExp(z);
                for (int c = 0; c < cols; c++) {
                    y.setDouble(r * cols + c, Math.exp(z[c]) / s);
                }
            }
        });
        t.put(LossOps.LOG_SOFTMAX, (a, in, out) -> {
            int cols = in[0].dim(-1);
            HostStorage y = TensorAccess.host(out[0]);
            for (int r = 0; r < in[0].numel() / cols; r++) {
                double[] z = shiftedRow(TensorAccess.host(in[0]), r, cols);
                double logSum = Math.log(sumExp(z));
                for (int c = 0; c < cols; c++) {
                    y.setDouble(r * cols + c, z[c] - logSum);
                }
            }
        });
        t.put(LossOps.SOFTMAX_CROSS_ENTROPY, (a, in, out) -> {
            int rows = in[0].dim(0);
            int cols = in[0].dim(1);
            HostStorage labels = TensorAccess.host(in[1]);
            HostStorage loss = TensorAccess.host(out[0]);
            HostStorage backprop = TensorAccess.host(out[1]);
            double ls = a.labelSmoothing();
            for (int r = 0; r < rows; r++) {
                int label = checkedLabel(labels.getLong(r), r, cols);
                double[] z = shiftedRow(TensorAccess.host(in[0]), r, cols);
                double s = sumExp(z);
                double logSum = Math.log(s);
                double l = 0;
                for (int c = 0; c < cols; c++) {
                    double target = (c == label ? 1 - ls : 0) + ls / cols;
                    if (target != 0) { // a −∞ logit off the label costs nothing (0·∞ would be NaN), as TF
                        l += target * (logSum - z[c]);
                    }
                    backprop.setDouble(r * cols + c, Math.exp(z[c]) / s - target);
                }
                loss.setDouble(r, l);
            }
        });
        t.put(LossOps.L2_LOSS, (a, in, out) -> {
            HostStorage x = TensorAccess.host(in[0]);
            double s = 0;
            for (int i = 0; i < in[0].numel(); i++) {
                s += x.getDouble(i) * x.getDouble(i);
            }
            TensorAccess.host(out[0]).setDouble(0, s / 2);
        });
    }

    /** The label of row r as a class index, or the IllegalArgumentException every backend gives. */
    static int checkedLabel(long label, int row, int classes) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("softmax_cross_entropy: label " + label + " of row " + row
                    + " is outside [0, " + classes + "); labels must be class indices below num_classes");
        }
        return (int) label;
    }

    private static void store(double[] v, Tensor t) {
        HostStorage h = TensorAccess.host(t);
        for (int i = 0; i < v.length; i++) {
            h.setDouble(i, v[i]);
        }
    }
}
