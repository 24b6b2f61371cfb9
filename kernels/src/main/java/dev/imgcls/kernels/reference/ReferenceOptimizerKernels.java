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
        t.put(OptimizerOps.APPLY_ADAM, (a, in, out) -> {
            for (int i = 0; i < in[0].numel(); i++) {
                double g = in[3].host().getDouble(i);
                double m = in[1].host().getDouble(i) + (g - in[1].host().getDouble(i)) * (1 - a.beta1());
                double v = in[2].host().getDouble(i) + (g * g - in[2].host().getDouble(i)) * (1 - a.beta2());
                out[1].host().setDouble(i, m);
                out[2].host().setDouble(i, v);
                out[0].host().setDouble(i, in[0].host().getDouble(i) - m * a.stepRate() / (Math.sqrt(v) + a.epsilon()));
            }
        });
        t.put(OptimizerOps.APPLY_RMSPROP, (a, in, out) -> {
            HostStorage gs = in[a.centered() ? 4 : 3].host();
            for (int i = 0; i < in[0].numel(); i++) {
                double g = gs.getDouble(i);
                double ms = in[1].host().getDouble(i) + (g * g - in[1].host().getDouble(i)) * (1 - a.decay());
                out[1].host().setDouble(i, ms);
                double denominator = ms + a.epsilon();
                if (a.centered()) {
                    double mg = in[3].host().getDouble(i) + (g - in[3].host().getDouble(i)) * (1 - a.decay());
                    out[3].host().setDouble(i, mg);
                    denominator -= mg * mg;
                }
                double mom = in[2].host().getDouble(i) * a.momentum() + g * a.learningRate() / Math.sqrt(denominator);
                out[2].host().setDouble(i, mom);
                out[0].host().setDouble(i, in[0].host().getDouble(i) - mom);
            }
        });
    }
}
