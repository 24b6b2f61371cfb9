package dev.imgcls.kernels.reference;

import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.TensorAccess;

/** Matrix product by the definition, accumulated in double. */
final class ReferenceLinalgKernels {
    private ReferenceLinalgKernels() {
    }

    static void register(KernelTable t) {
        t.put(LinalgOps.MATMUL, (a, in, out) -> {
            HostStorage x = TensorAccess.host(in[0]);
            HostStorage w = TensorAccess.host(in[1]);
            HostStorage y = TensorAccess.host(out[0]);
            int m = out[0].dim(0);
            int n = out[0].dim(1);
            int k = in[0].dim(a.transposeA() ? 0 : 1);
            int ra = in[0].dim(1);
            int rb = in[1].dim(1);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        double av = x.getDouble(a.transposeA() ? p * ra + i : i * ra + p);
                        double bv = w.getDouble(a.transposeB() ? j * rb + p : p * rb + j);
                        s += av * bv;
                    }
                    y.setDouble(i * n + j, s);
                }
            }
        });
    }
}
