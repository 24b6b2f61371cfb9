package dev.imgcls.kernels.cpu;

import dev.imgcls.kernels.cpu.gemm.Sgemm;
import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.spi.KernelTable;

/** Matrix product on the packed SGEMM; transposes are absorbed by the packing. */
final class CpuLinalgKernels {
    private CpuLinalgKernels() {
    }

    static void register(KernelTable t) {
        t.put(LinalgOps.MATMUL, (a, in, out) -> {
            int m = out[0].dim(0);
            int n = out[0].dim(1);
            int k = in[0].dim(a.transposeA() ? 0 : 1);
            Sgemm.multiply(a.transposeA(), a.transposeB(), m, n, k,
                    in[0].host().floats(), 0, in[0].dim(1),
                    in[1].host().floats(), 0, in[1].dim(1),
                    out[0].host().floats(), 0, n, false, 0);
        });
    }
}
