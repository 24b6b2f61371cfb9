package dev.imgcls.kernels.cpu.nn;

import dev.imgcls.kernels.cpu.Parallel;
import dev.imgcls.tensor.ops.OptimizerOps;
import dev.imgcls.tensor.spi.KernelTable;

/** FLOAT32 optimizer updates: one parallel pass reading w, a, g and writing w', a'. */
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
    }
}
