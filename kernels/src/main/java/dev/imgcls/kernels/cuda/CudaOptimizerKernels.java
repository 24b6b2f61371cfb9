package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaTensors.floatArg;
import static dev.imgcls.kernels.cuda.CudaTensors.intArg;
import static dev.imgcls.kernels.cuda.CudaTensors.longArg;
import static dev.imgcls.kernels.cuda.CudaTensors.ptr;
import static dev.imgcls.kernels.cuda.CudaTensors.requireFloat32;

import java.util.function.Supplier;

import dev.imgcls.tensor.ops.OptimizerOps;
import dev.imgcls.tensor.spi.KernelTable;

/** apply_momentum (optimizer.cu), rounding each step like the CPU kernel (no fused multiply-add). */
final class CudaOptimizerKernels {
    private CudaOptimizerKernels() {
    }

    static void register(KernelTable table, Supplier<CudaContext> cuda) {
        table.put(OptimizerOps.APPLY_MOMENTUM, (a, in, out) -> {
            requireFloat32("apply_momentum", in[0], in[1], in[2]);
            long n = in[0].numel();
            cuda.get().launch1d("optimizer.cu", "momentum_apply_f32", n, ptr(in[0]), ptr(in[1]), ptr(in[2]), ptr(out[0]),
                    ptr(out[1]), longArg(n), floatArg((float) a.learningRate()), floatArg((float) a.momentum()),
                    intArg(a.nesterov() ? 1 : 0));
        });
    }
}
