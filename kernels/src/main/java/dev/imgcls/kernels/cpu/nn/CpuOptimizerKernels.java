package dev.imgcls.kernels.cpu.nn;

import dev.imgcls.kernels.cpu.Parallel;
import dev.imgcls.tensor.ops.OptimizerOps;
import dev.imgcls.tensor.spi.KernelTable;

/**
 * FLOAT32 optimizer updates, each one parallel pass reading the variable, its slots and the
 * gradient and writing the new values, with the float rounding of the elementwise formulation.
 */
public final class CpuOptimizerKernels {
    private static final int GRAIN = 1 << 14;

    private CpuOptimizerKernels() {
    }

    public static void register(KernelTable t) {
        t.put(OptimizerOps.APPLY_MOMENTUM, (a, in, out) -> {
            float[] w = in[0].host().floats();
            float[] acc = in[1].host().floats();
            float[] g = in[2].host().floats();
            float[] newW = out[0].host().floats();
            float[] newAcc = out[1].host().floats();
            float lr = (float) a.learningRate();
            float mu = (float) a.momentum();
            boolean nesterov = a.nesterov();
            Parallel.forRange(w.length, GRAIN, (s, e) -> {
                for (int i = s; i < e; i++) {
                    float accumulated = acc[i] * mu + g[i];
                    newAcc[i] = accumulated;
                    newW[i] = nesterov ? w[i] - (g[i] * lr + accumulated * mu * lr) : w[i] - accumulated * lr;
                }
            });
        });
        t.put(OptimizerOps.APPLY_ADAM, (a, in, out) -> {
            float[] w = in[0].host().floats();
            float[] m = in[1].host().floats();
            float[] v = in[2].host().floats();
            float[] g = in[3].host().floats();
            float[] newW = out[0].host().floats();
            float[] newM = out[1].host().floats();
            float[] newV = out[2].host().floats();
            float rate = (float) a.stepRate();
            float oneMinusBeta1 = (float) (1 - a.beta1());
            float oneMinusBeta2 = (float) (1 - a.beta2());
            float epsilon = (float) a.epsilon();
            Parallel.forRange(w.length, GRAIN, (s, e) -> {
                for (int i = s; i < e; i++) {
                    float mi = m[i] + (g[i] - m[i]) * oneMinusBeta1;
                    float vi = v[i] + (g[i] * g[i] - v[i]) * oneMinusBeta2;
                    newM[i] = mi;
                    newV[i] = vi;
                    newW[i] = w[i] - mi * rate / ((float) Math.sqrt(vi) + epsilon);
                }
            });
        });
        t.put(OptimizerOps.APPLY_RMSPROP, (a, in, out) -> {
            boolean centered = a.centered();
            float[] w = in[0].host().floats();
            float[] ms = in[1].host().floats();
            float[] mom = in[2].host().floats();
            float[] mg = centered ? in[3].host().floats() : null;
            float[] g = in[centered ? 4 : 3].host().floats();
            float[] newW = out[0].host().floats();
            float[] newMs = out[1].host().floats();
            float[] newMom = out[2].host().floats();
            float[] newMg = centered ? out[3].host().floats() : null;
            float lr = (float) a.learningRate();
            float oneMinusRho = (float) (1 - a.decay());
            float momentum = (float) a.momentum();
            float epsilon = (float) a.epsilon();
            Parallel.forRange(w.length, GRAIN, (s, e) -> {
                for (int i = s; i < e; i++) {
                    float msi = ms[i] + (g[i] * g[i] - ms[i]) * oneMinusRho;
                    newMs[i] = msi;
                    float step;
                    if (centered) {
                        float mgi = mg[i] + (g[i] - mg[i]) * oneMinusRho;
                        newMg[i] = mgi;
                        step = g[i] * lr * (1f / (float) Math.sqrt(msi - mgi * mgi + epsilon));
                    } else {
                        step = g[i] * lr / (float) Math.sqrt(msi + epsilon);
                    }
                    float momi = mom[i] * momentum + step;
                    newMom[i] = momi;
                    newW[i] = w[i] - momi;
                }
            });
        });
    }
}
