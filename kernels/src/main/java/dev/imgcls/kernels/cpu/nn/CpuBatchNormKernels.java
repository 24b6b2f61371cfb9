package dev.imgcls.kernels.cpu.nn;

import dev.imgcls.kernels.cpu.Parallel;
import dev.imgcls.tensor.ops.NormOps;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.TensorAccess;

/**
 * FLOAT32 batch norm over x viewed as [M, C] (NHWC puts the channels contiguous, so every inner
 * loop runs over C and the JIT vectorises it). Statistics take one pass over x — both moments
 * about a per-channel shift (the first row), which avoids the cancellation of E[x²] − E[x]² — with
 * per-thread double partials ({@link RowPartials}); the affine passes are parallel over rows.
 */
public final class CpuBatchNormKernels {
    private CpuBatchNormKernels() {
    }

    public static void register(KernelTable t) {
        t.put(NormOps.BATCH_NORM_TRAIN, (a, in, out) -> {
            float[] x = TensorAccess.host(in[0]).floats();
            float[] gamma = TensorAccess.host(in[1]).floats();
            float[] beta = TensorAccess.host(in[2]).floats();
            int channels = gamma.length;
            int rows = x.length / channels;
            // One pass for both moments, taken about the first row's values (a sample of each channel)
            // so that var = E[(x−s)²] − E[x−s]² does not cancel the way E[x²] − E[x]² can.
            float[] shift = java.util.Arrays.copyOf(x, channels);
            double[] sums = RowPartials.columnSums(rows, 2 * channels, (s, e, acc) -> sumShiftedMoments(x, shift, s, e, acc));
            float[] mean = new float[channels];
            float[] var = new float[channels];
            for (int c = 0; c < channels; c++) {
                double m1 = sums[c] / rows;
                mean[c] = (float) (shift[c] + m1);
                var[c] = (float) Math.max(0, sums[channels + c] / rows - m1 * m1);
            }
            affine(x, mean, scales(gamma, var, a.epsilon()), beta, TensorAccess.host(out[0]).floats());
            System.arraycopy(mean, 0, TensorAccess.host(out[1]).floats(), 0, channels);
            System.arraycopy(var, 0, TensorAccess.host(out[2]).floats(), 0, channels);
        });
        t.put(NormOps.BATCH_NORM_INFER, (a, in, out) -> {
            float[] gamma = TensorAccess.host(in[1]).floats();
            affine(TensorAccess.host(in[0]).floats(), TensorAccess.host(in[3]).floats(), scales(gamma, TensorAccess.host(in[4]).floats(), a.epsilon()),
                    TensorAccess.host(in[2]).floats(), TensorAccess.host(out[0]).floats());
        });
        t.put(NormOps.BATCH_NORM_GRAD, (a, in, out) -> {
            float[] dy = TensorAccess.host(in[0]).floats();
            float[] x = TensorAccess.host(in[1]).floats();
            float[] gamma = TensorAccess.host(in[2]).floats();
            float[] mean = TensorAccess.host(in[3]).floats();
            float[] var = TensorAccess.host(in[4]).floats();
            int channels = gamma.length;
            int rows = x.length / channels;
            // sums[c] = Σ dy, sums[C + c] = Σ dy·(x − mean)
            double[] sums = RowPartials.columnSums(rows, 2 * channels, (s, e, acc) -> sumGradients(dy, x, mean, s, e, acc));
            float[] dgamma = TensorAccess.host(out[1]).floats();
            float[] dbeta = TensorAccess.host(out[2]).floats();
            float[] dyScale = new float[channels];
            float[] centeredScale = new float[channels];
            float[] shift = new float[channels];
            for (int c = 0; c < channels; c++) {
                double invStd = 1 / Math.sqrt(var[c] + a.epsilon());
                double sumDy = sums[c];
                double sumDyXhat = sums[channels + c] * invStd;
                dbeta[c] = (float) sumDy;
                dgamma[c] = (float) sumDyXhat;
                dyScale[c] = (float) (gamma[c] * invStd);
                if (a.training()) {
                    // dx = γs·(dy − Σdy/M − x̂·Σdy·x̂/M), with x̂ = (x − mean)·s, expanded into per-channel coefficients.
                    centeredScale[c] = (float) (-gamma[c] * invStd * invStd * sumDyXhat / rows);
                    shift[c] = (float) (-gamma[c] * invStd * sumDy / rows);
                }
            }
            float[] dx = TensorAccess.host(out[0]).floats();
            Parallel.forRange(rows, RowPartials.rowGrain(channels), (s, e) -> {
                for (int r = s; r < e; r++) {
                    int base = r * channels;
                    for (int c = 0; c < channels; c++) {
                        dx[base + c] = dyScale[c] * dy[base + c] + centeredScale[c] * (x[base + c] - mean[c]) + shift[c];
                    }
                }
            });
        });
    }

    /** acc[c] += Σ (x − shift), acc[C + c] += Σ (x − shift)² over rows [start, end). */
    private static void sumShiftedMoments(float[] x, float[] shift, int start, int end, double[] acc) {
        int channels = shift.length;
        float[] first = new float[channels];
        float[] second = new float[channels];
        for (int r0 = start; r0 < end; r0 += RowPartials.BLOCK_ROWS) {
            int r1 = Math.min(end, r0 + RowPartials.BLOCK_ROWS);
            for (int r = r0; r < r1; r++) {
                int base = r * channels;
                for (int c = 0; c < channels; c++) {
                    float d = x[base + c] - shift[c];
                    first[c] += d;
                    second[c] += d * d;
                }
            }
            RowPartials.flush(first, acc, 0);
            RowPartials.flush(second, acc, channels);
        }
    }

    private static void sumGradients(float[] dy, float[] x, float[] mean, int start, int end, double[] acc) {
        int channels = mean.length;
        float[] blockDy = new float[channels];
        float[] blockDyX = new float[channels];
        for (int r0 = start; r0 < end; r0 += RowPartials.BLOCK_ROWS) {
            int r1 = Math.min(end, r0 + RowPartials.BLOCK_ROWS);
            for (int r = r0; r < r1; r++) {
                int base = r * channels;
                for (int c = 0; c < channels; c++) {
                    float g = dy[base + c];
                    blockDy[c] += g;
                    blockDyX[c] += g * (x[base + c] - mean[c]);
                }
            }
            RowPartials.flush(blockDy, acc, 0);
            RowPartials.flush(blockDyX, acc, channels);
        }
    }

    /** gamma / sqrt(var + epsilon) per channel. */
    private static float[] scales(float[] gamma, float[] var, double epsilon) {
        float[] s = new float[gamma.length];
        for (int c = 0; c < s.length; c++) {
            s[c] = (float) (gamma[c] / Math.sqrt(var[c] + epsilon));
        }
        return s;
    }

    /** y = (x − mean)·scale + beta, TF's order of operations. */
    private static void affine(float[] x, float[] mean, float[] scale, float[] beta, float[] y) {
        int channels = mean.length;
        Parallel.forRange(x.length / channels, RowPartials.rowGrain(channels), (s, e) -> {
            for (int r = s; r < e; r++) {
                int base = r * channels;
                for (int c = 0; c < channels; c++) {
                    y[base + c] = (x[base + c] - mean[c]) * scale[c] + beta[c];
                }
            }
        });
    }

}
