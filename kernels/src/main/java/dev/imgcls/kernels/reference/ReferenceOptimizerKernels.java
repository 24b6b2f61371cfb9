package dev.imgcls.kernels.reference;

import dev.imgcls.tensor.ops.OptimizerOps;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.TensorAccess;

/** Optimizer updates by their TF1 formulas, in double. */
final class ReferenceOptimizerKernels {
    private ReferenceOptimizerKernels() {
    }

    static void register(KernelTable t) {
        t.put(OptimizerOps.APPLY_MOMENTUM, (a, in, out) -> {
            HostStorage w = TensorAccess.host(in[0]);
            HostStorage acc = TensorAccess.host(in[1]);
            HostStorage g = TensorAccess.host(in[2]);
            for (int i = 0; i < w.size(); i++) {
                double accumulated = acc.getDouble(i) * a.momentum() + g.getDouble(i);
                double step = a.nesterov() ? g.getDouble(i) * a.learningRate() + accumulated * a.momentum() * a.learningRate()
                        : accumulated * a.learningRate();
                TensorAccess.host(out[1]).setDouble(i, accumulated);
                TensorAccess.host(out[0]).setDouble(i, w.getDouble(i) - step);
            }
        });
        t.put(OptimizerOps.APPLY_ADAM, (a, in, out) -> {
            for (int i = 0; i < in[0].numel(); i++) {
                double g = TensorAccess.host(in[3]).getDouble(i);
                double m = TensorAccess.host(in[1]).getDouble(i) + (g - TensorAccess.host(in[1]).getDouble(i)) * (1 - a.beta1());
                double v = TensorAccess.host(in[2]).getDouble(i) + (g * g - TensorAccess.host(in[2]).getDouble(i)) * (1 - a.beta2());
                TensorAccess.host(out[1]).setDouble(i, m);
                TensorAccess.host(out[2]).setDouble(i, v);
                TensorAccess.host(out[0]).setDouble(i, TensorAccess.host(in[0]).getDouble(i) - m * a.stepRate() / (Math.sqrt(v) + a.epsilon()));
            }
        });
        t.put(OptimizerOps.APPLY_RMSPROP, (a, in, out) -> {
            HostStorage gs = TensorAccess.host(in[a.centered() ? 4 : 3]);
            for (int i = 0; i < in[0].numel(); i++) {
                double g = gs.getDouble(i);
                double ms = TensorAccess.host(in[1]).getDouble(i) + (g * g - TensorAccess.host(in[1]).getDouble(i)) * (1 - a.decay());
                TensorAccess.host(out[1]).setDouble(i, ms);
                double denominator = ms + a.epsilon();
                if (a.centered()) {
                    double mg = TensorAccess.host(in[3]).getDouble(i) + (g - TensorAccess.host(in[3]).getDouble(i)) * (1 - a.decay());
                    TensorAccess.host(out[3]).setDouble(i, mg);
                    denominator -= mg * mg;
                }
                double mom = TensorAccess.host(in[2]).getDouble(i) * a.momentum() + g * a.learningRate() / Math.sqrt(denominator);
                TensorAccess.host(out[2]).setDouble(i, mom);
                TensorAccess.host(out[0]).setDouble(i, TensorAccess.host(in[0]).getDouble(i) - mom);
            }
        });
    }
}
