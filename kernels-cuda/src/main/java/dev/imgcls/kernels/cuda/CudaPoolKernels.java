package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaTensors.ptr;
import static dev.imgcls.kernels.cuda.CudaTensors.requireFloat32;

import java.util.function.Supplier;

import dev.imgcls.tensor.ops.PoolOps;
import dev.imgcls.tensor.ops.PoolOps.PoolGeometry;
import dev.imgcls.tensor.spi.KernelTable;
import jcuda.Pointer;

/**
 * max_pool, avg_pool and their gradients with our own kernels (pool.cu), not cuDNN: TF's SAME
 * padding is often asymmetric (one more pixel bottom/right, e.g. every 3×3/2 pool on an even
 * image), which cuDNN's symmetric pooling padding cannot express, and explicit zero padding would
 * change both the average's divisor (TF divides by the in-image pixel count) and, for max, the
 * padded value; cuDNN's pooling backward also does not document which maximum gets the gradient
 * on ties, while our op routes it to the first one in scan order.
 */
final class CudaPoolKernels {
    static final String FILE = "pool.cu";

    private CudaPoolKernels() {
    }

    static void register(KernelTable table, Supplier<CudaContext> cuda) {
        table.put(PoolOps.MAX_POOL, (a, in, out) -> {
            requireFloat32("max_pool", in[0]);
            PoolGeometry g = a.geometry(in[0].shape());
            cuda.get().launch1d(FILE, "max_pool_f32", out[0].numel(), ptr(in[0]), ptr(out[0]), geometry(g));
        });
        table.put(PoolOps.AVG_POOL, (a, in, out) -> {
            requireFloat32("avg_pool", in[0]);
            PoolGeometry g = a.geometry(in[0].shape());
            cuda.get().launch1d(FILE, "avg_pool_f32", out[0].numel(), ptr(in[0]), ptr(out[0]), geometry(g));
        });
        table.put(PoolOps.MAX_POOL_GRAD, (a, in, out) -> {
            requireFloat32("max_pool_grad", in[0], in[2]);
            PoolGeometry g = a.geometry(in[0].shape());
            cuda.get().launch1d(FILE, "max_pool_grad_f32", out[0].numel(), ptr(in[0]), ptr(in[2]), ptr(out[0]), geometry(g));
        });
        table.put(PoolOps.AVG_POOL_GRAD, (a, in, out) -> {
            requireFloat32("avg_pool_grad", in[0]);
            PoolGeometry g = a.pool().geometry(a.inputShape());
            cuda.get().launch1d(FILE, "avg_pool_grad_f32", out[0].numel(), ptr(in[0]), ptr(out[0]), geometry(g));
        });
    }

    /** pool.cu's PoolGeo struct: 12 ints in declaration order. */
    static Pointer geometry(PoolGeometry g) {
        return Pointer.to(new int[] {g.n(), g.h(), g.w(), g.c(), g.kh(), g.kw(), g.oh(), g.ow(), g.strideH(), g.strideW(), g.padTop(),
                g.padLeft()});
    }
}
