package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaTensors.floatArg;
import static dev.imgcls.kernels.cuda.CudaTensors.intArg;
import static dev.imgcls.kernels.cuda.CudaTensors.longArg;
import static dev.imgcls.kernels.cuda.CudaTensors.ptr;
import static dev.imgcls.kernels.cuda.CudaTensors.requireFloat32;

import java.util.function.Supplier;

import dev.imgcls.tensor.ops.OptimizerOps;
import dev.imgcls.tensor.spi.KernelTable;
import jcuda.Pointer;

/** apply_momentum / apply_adam / apply_rmsprop (optimizer.cu), rounding each step like the CPU kernels (no fused multiply-add). */
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
        table.put(OptimizerOps.APPLY_ADAM, (a, in, out) -> {
            requireFloat32("apply_adam", in[0], in[1], in[2], in[3]);
            long n = in[0].numel();
            cuda.get().launch1d("optimizer.cu", "adam_apply_f32", n, ptr(in[0]), ptr(in[1]), ptr(in[2]), ptr(in[3]), ptr(out[0]),
                    ptr(out[1]), ptr(out[2]), longArg(n), floatArg((float) a.stepRate()), floatArg((float) (1 - a.beta1())),
                    floatArg((float) (1 - a.beta2())), floatArg((float) a.epsilon()));
        });
        table.put(OptimizerOps.APPLY_RMSPROP, (a, in, out) -> {
            boolean centered = a.centered();
            requireFloat32("apply_rmsprop", in);
            long n = in[0].numel();
            Pointer noBuffer = Pointer.to(new Pointer()); // NULL: not read when not centered
            cuda.get().launch1d("optimizer.cu", "rmsprop_apply_f32", n, ptr(in[0]), ptr(in[1]), ptr(in[2]),
                    centered ? ptr(in[3]) : noBuffer, ptr(in[centered ? 4 : 3]), ptr(out[0]), ptr(out[1]), ptr(out[2]),
                    centered ? ptr(out[3]) : noBuffer, longArg(n), floatArg((float) a.learningRate()),
                    floatArg((float) (1 - a.decay())), floatArg((float) a.momentum()), floatArg((float) a.epsilon()),
                    intArg(centered ? 1 : 0));
        });
    }
}
