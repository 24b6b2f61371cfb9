package dev.imgcls.kernels.reference;

import dev.imgcls.kernels.host.Broadcast;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.ops.ReduceOps;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.KernelTable;

/** Reductions: each output element sums the input elements that map onto it. */
final class ReferenceReduceKernels {
    private ReferenceReduceKernels() {
    }

    static void register(KernelTable t) {
        t.put(ReduceOps.SUM, (a, in, out) -> {
            Shape kept = new ReduceOps.ReduceAttrs(a.axes(), true).outputShape(in[0].shape());
            int[] target = Broadcast.sourceIndex(kept, in[0].shape());
            HostStorage x = in[0].host();
            double[] acc = new double[kept.numel()];
            for (int i = 0; i < target.length; i++) {
                acc[target[i]] += x.getDouble(i);
            }
            HostStorage y = out[0].host();
            for (int i = 0; i < acc.length; i++) {
                y.setDouble(i, acc[i]);
            }
        });
        t.put(ReduceOps.BROADCAST_TO, (a, in, out) -> {
            int[] src = Broadcast.sourceIndex(in[0].shape(), out[0].shape());
            HostStorage x = in[0].host();
            HostStorage y = out[0].host();
            for (int i = 0; i < src.length; i++) {
                y.setDouble(i, x.getDouble(src[i]));
            }
        });
    }
}
