package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaTensors.requireFloat32;
import static dev.imgcls.kernels.cuda.CudaTensors.storage;

import java.util.function.Supplier;

import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.spi.KernelTable;

/**
 * matmul through cuBLAS SGEMM. cuBLAS is column-major; a row-major [r, c] buffer read
 * column-major is its transpose, so C = op(A)·op(B) is computed as Cᵀ = op(B)ᵀ·op(A)ᵀ by passing
 * B first and A second with their own transpose flags and leading dimensions = their row lengths.
 */
final class CudaLinalgKernels {
    private CudaLinalgKernels() {
    }

    static void register(KernelTable table, Supplier<CudaContext> cuda) {
        table.put(LinalgOps.MATMUL, (a, in, out) -> {
            requireFloat32("matmul", in[0], in[1]);
            CudaContext c = cuda.get();
            int m = out[0].dim(0);
            int n = out[0].dim(1);
            int k = in[0].dim(a.transposeA() ? 0 : 1);
            if (m == 0 || n == 0) {
                return;
            }
            if (k == 0) {
                return; // the output arrives zero-filled, which is the empty sum
            }
            c.cublas().sgemm(c.cublasHandle(), a.transposeB() ? Cublas.OP_T : Cublas.OP_N, a.transposeA() ? Cublas.OP_T : Cublas.OP_N, n, m, k,
                    1f, storage(in[1]).address(), in[1].dim(1), storage(in[0]).address(), in[0].dim(1), 0f, storage(out[0]).address(), n);
        });
    }
}
