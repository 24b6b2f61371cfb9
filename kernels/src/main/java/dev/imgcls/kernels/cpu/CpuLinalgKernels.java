package dev.imgcls.kernels.cpu;

import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.spi.KernelTable;

/** Matrix product. */
final class CpuLinalgKernels {
    private CpuLinalgKernels() {
    }

    static void register(KernelTable t) {
        t.put(LinalgOps.MATMUL, (a, in, out) -> {
            float[] x = in[0].host().floats();
            float[] w = in[1].host().floats();
            float[] y = out[0].host().floats();
            int m = out[0].dim(0);
            int n = out[0].dim(1);
            int k = in[0].dim(a.transposeA() ? 0 : 1);
            int ra = in[0].dim(1);
            int rb = in[1].dim(1);
            Parallel.forRange(m, 1, (s, e) -> {
                for (int i = s; i < e; i++) {
                    for (int p = 0; p < k; p++) {
                        float av = x[a.transposeA() ? p * ra + i : i * ra + p];
                        for (int j = 0; j < n; j++) {
                            y[i * n + j] += av * w[a.transposeB() ? j * rb + p : p * rb + j];
                        }
                    }
                }
            });
        });
    }
}
