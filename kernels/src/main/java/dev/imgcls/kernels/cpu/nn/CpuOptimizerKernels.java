package dev.imgcls.kernels.cpu.nn;

import dev.imgcls.kernels.cpu.Parallel;
import dev.imgcls.tensor.ops.OptimizerOps;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.TensorAccess;

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
            float[] w = TensorAccess.host(in[0]).floats();
            float[] acc = TensorAccess.host(in[1]).floats();
            float[] g = TensorAccess.host(in[2]).floats();
            float[] newW = TensorAccess.host(out[0]).floats();
            float[] newAcc = TensorAccess.host(out[1]).floats();
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
            float[] w = TensorAccess.host(in[0]).floats();
            float[] m = TensorAccess.host(in[1]).floats();
            float[] v = TensorAccess.host(in[2]).floats();
            float[] g = TensorAccess.host(in[3]).floats();
            float[] newW = TensorAccess.host(out[0]).floats();
            float[] newM = TensorAccess.host(out[1]).floats();
            float[] newV = TensorAccess.host(out[2]).floats();
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
            float[] w = TensorAccess.host(in[0]).floats();
            float[] ms = TensorAccess.host(in[1]).floats();
            float[] mom = TensorAccess.host(in[2]).floats();
            float[] mg = centered ? TensorAccess.host(in[3]).floats() : null;
            float[] g = TensorAccess.host(in[centered ? 4 : 3]).floats();
            float[] newW = TensorAccess.host(out[0]).floats();
            float[] newMs = TensorAccess.host(out[1]).floats();
            float[] newMom = TensorAccess.host(out[2]).floats();
            float[] newMg = centered ? TensorAccess.host(out[3]).floats() : null;
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
