package dev.imgcls.kernels.cpu;

import dev.imgcls.kernels.host.Broadcast;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.ops.ReduceOps;
import dev.imgcls.tensor.spi.KernelTable;

/** FLOAT32 reductions with double accumulators. */
final class CpuReduceKernels {
    private CpuReduceKernels() {
    }

    static void register(KernelTable t) {
        t.put(ReduceOps.SUM, (a, in, out) -> {
            Shape kept = new ReduceOps.ReduceAttrs(a.axes(), true).outputShape(in[0].shape());
            float[] x = in[0].host().floats();
            float[] y = out[0].host().floats();
            int inner = trailingReducedRun(in[0].shape(), kept);
            if (inner > 0) {
                // Reduced axes are exactly the trailing ones: each output sums one contiguous run.
                Parallel.forRange(y.length, 64, (s, e) -> {
                    for (int o = s; o < e; o++) {
                        double acc = 0;
                        for (int i = o * inner, end = i + inner; i < end; i++) {
                            acc += x[i];
                        }
                        y[o] = (float) acc;
                    }
                });
                return;
            }
            int[] target = Broadcast.sourceIndex(kept, in[0].shape());
            double[] acc = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                acc[target[i]] += x[i];
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) acc[i];
            }
        });
        t.put(ReduceOps.BROADCAST_TO, (a, in, out) -> {
            int[] src = Broadcast.sourceIndex(in[0].shape(), out[0].shape());
            float[] x = in[0].host().floats();
            float[] y = out[0].host().floats();
            Parallel.forRange(y.length, 1 << 15, (s, e) -> {
                for (int i = s; i < e; i++) {
                    y[i] = x[src[i]];
                }
            });
        });
    }

    /** Length of the contiguous run reduced into each output when only trailing axes reduce, else 0. */
    private static int trailingReducedRun(Shape in, Shape kept) {
        int d = in.rank();
        int run = 1;
        while (d > 0 && kept.dim(d - 1) == 1) {
            run *= in.dim(d - 1);
            d--;
        }
        for (int i = 0; i < d; i++) {
            if (kept.dim(i) != in.dim(i)) {
                return 0;
            }
        }
        return run;
    }
}
