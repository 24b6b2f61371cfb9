package dev.imgcls.kernels.reference;

import dev.imgcls.kernels.host.Broadcast;
import dev.imgcls.kernels.host.HostElements;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.ops.ReduceOps;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.TensorAccess;

import java.util.Arrays;

/**
 * Reductions: each output element combines the input elements that map onto it (the map is the
 * broadcast of the kept-dims output shape to the input shape).
 */
final class ReferenceReduceKernels {
    private ReferenceReduceKernels() {
    }

    /** For every input element, the flat index of the output element it reduces into. */
    private static int[] target(ReduceOps.ReduceAttrs a, Shape in) {
        Shape kept = new ReduceOps.ReduceAttrs(a.axes(), true).outputShape(in);
        return Broadcast.sourceIndex(kept, in);
    }

    static void register(KernelTable t) {
        t.put(ReduceOps.SUM, (a, in, out) -> {
            int[] target = target(a, in[0].shape());
            HostStorage x = TensorAccess.host(in[0]);
            double[] acc = new double[out[0].numel()];
            for (int i = 0; i < target.length; i++) {
                acc[target[i]] += x.getDouble(i);
            }
            HostStorage y = TensorAccess.host(out[0]);
            for (int i = 0; i < acc.length; i++) {
                y.setDouble(i, acc[i]);
            }
        });
        t.put(ReduceOps.MAX, (a, in, out) -> {
            int[] target = target(a, in[0].shape());
            HostStorage x = TensorAccess.host(in[0]);
            double[] acc = new double[out[0].numel()];
            Arrays.fill(acc, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < target.length; i++) {
                acc[target[i]] = Math.max(acc[target[i]], x.getDouble(i));
            }
            HostStorage y = TensorAccess.host(out[0]);
            for (int i = 0; i < acc.length; i++) {
                y.setDouble(i, acc[i]);
            }
        });
        t.put(ReduceOps.MAX_GRAD, (a, in, out) -> {
            int[] target = target(a, in[0].shape());
            HostStorage x = TensorAccess.host(in[0]);
            HostStorage max = TensorAccess.host(in[1]);
            HostStorage g = TensorAccess.host(in[2]);
            int[] count = new int[max.size()];
            for (int i = 0; i < target.length; i++) {
                if (x.getDouble(i) == max.getDouble(target[i])) {
                    count[target[i]]++;
                }
            }
            HostStorage dx = TensorAccess.host(out[0]);
            for (int i = 0; i < target.length; i++) {
                int o = target[i];
                dx.setDouble(i, x.getDouble(i) == max.getDouble(o) ? g.getDouble(o) / count[o] : 0);
            }
        });
        t.put(ReduceOps.BROADCAST_TO, (a, in, out) -> {
            int[] src = Broadcast.sourceIndex(in[0].shape(), out[0].shape());
            HostStorage x = TensorAccess.host(in[0]);
            HostStorage y = TensorAccess.host(out[0]);
            for (int i = 0; i < src.length; i++) {
                HostElements.copy(x, src[i], y, i);
            }
        });
    }
}
