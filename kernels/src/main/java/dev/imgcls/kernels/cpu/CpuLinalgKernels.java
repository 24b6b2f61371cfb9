package dev.imgcls.kernels.cpu;

import dev.imgcls.kernels.cpu.gemm.Sgemm;
import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.TensorAccess;

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
                    TensorAccess.host(in[0]).floats(), 0, in[0].dim(1),
                    TensorAccess.host(in[1]).floats(), 0, in[1].dim(1),
                    TensorAccess.host(out[0]).floats(), 0, n, false, 0);
        });
    }
}
