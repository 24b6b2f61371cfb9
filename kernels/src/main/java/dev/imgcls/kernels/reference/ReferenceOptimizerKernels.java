package dev.imgcls.kernels.reference;

import dev.imgcls.tensor.ops.OptimizerOps;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.KernelTable;

/** Optimizer updates by their TF1 formulas, in double. */
final class ReferenceOptimizerKernels {
    private ReferenceOptimizerKernels() {
    }

    static void register(KernelTable t) {
        t.put(OptimizerOps.APPLY_MOMENTUM, (a, in, out) -> {
            HostStorage w = in[0].host();
            HostStorage acc = in[1].host();
            HostStorage g = in[2].host();
            for (int i = 0; i < w.size(); i++) {
                double accumulated = acc.getDouble(i) * a.momentum() + g.getDouble(i);
                double step = a.nesterov() ? g.getDouble(i) * a.learningRate() + accumulated * a.momentum() * a.learningRate()
                        : accumulated * a.learningRate();
                out[1].host().setDouble(i, accumulated);
                out[0].host().setDouble(i, w.getDouble(i) - step);
            }
        });
    }
}
