package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaTensors.floatArg;
import static dev.imgcls.kernels.cuda.CudaTensors.intArg;
import static dev.imgcls.kernels.cuda.CudaTensors.longArg;
import static dev.imgcls.kernels.cuda.CudaTensors.ptr;
import static dev.imgcls.kernels.cuda.CudaTensors.requireFloat32;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;

import java.util.function.Supplier;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.ops.LossOps;
import dev.imgcls.tensor.spi.KernelTable;
import jcuda.Pointer;
import jcuda.Sizeof;

/** bias_add (bias.cu), softmax / log_softmax / softmax cross-entropy / l2_loss (loss.cu). */
final class CudaNnKernels {
    private CudaNnKernels() {
    }

    static void register(KernelTable table, Supplier<CudaContext> cuda) {
        table.put(LinalgOps.BIAS_ADD, (a, in, out) -> {
            requireFloat32("bias_add", in[0], in[1]);
            long n = in[0].numel();
            cuda.get().launch1d("bias.cu", "bias_add_f32", n, ptr(in[0]), ptr(in[1]), ptr(out[0]), longArg(n), intArg(in[0].dim(-1)));
        });
        table.put(LossOps.SOFTMAX, (a, in, out) -> softmax(cuda.get(), in[0], out[0], 0));
        table.put(LossOps.LOG_SOFTMAX, (a, in, out) -> softmax(cuda.get(), in[0], out[0], 1));
        table.put(LossOps.SOFTMAX_CROSS_ENTROPY, (a, in, out) -> {
            requireFloat32("softmax_cross_entropy", in[0]);
            if (in[1].dtype() != DType.INT32 && in[1].dtype() != DType.INT64) {
                throw new IllegalArgumentException("softmax_cross_entropy: the CUDA kernel reads INT32 or INT64 labels, got " + in[1].dtype());
            }
            CudaContext c = cuda.get();
            int rows = in[0].dim(0);
            int classes = in[0].dim(1);
            // The first row with a label outside [0, C), or MAX_VALUE: read back after the launch.
            CudaAllocator.Block flag = c.allocator().allocate(Sizeof.INT);
            try {
                CudaCheck.driver(cuMemcpyHtoD(flag.pointer(), Pointer.to(new int[] {Integer.MAX_VALUE}), Sizeof.INT), "cuMemcpyHtoD");
                String kernel = in[1].dtype() == DType.INT64 ? "softmax_xent_i64_f32" : "softmax_xent_i32_f32";
                c.launch("loss.cu", kernel, Math.max(1, Math.min(rows, 65535)), 1, rowBlock(classes), 1, ptr(in[0]), ptr(in[1]),
                        ptr(out[0]), ptr(out[1]), longArg(rows), intArg(classes), floatArg((float) a.labelSmoothing()),
                        Pointer.to(flag.pointer()));
                c.synchronize();
                int[] bad = {0};
                CudaCheck.driver(cuMemcpyDtoH(Pointer.to(bad), flag.pointer(), Sizeof.INT), "cuMemcpyDtoH");
                if (bad[0] != Integer.MAX_VALUE) {
                    long label = in[1].toLongArray()[bad[0]];
                    throw new IllegalArgumentException("softmax_cross_entropy: label " + label + " in row " + bad[0]
                            + " is outside [0, " + classes + ")");
                }
            } finally {
                c.allocator().free(flag);
            }
        });
        table.put(LossOps.L2_LOSS, (a, in, out) -> {
            requireFloat32("l2_loss", in[0]);
            CudaContext c = cuda.get();
            long n = in[0].numel();
            int blocks = (int) Math.max(1, Math.min((n + 255) / 256, 1024));
            CudaAllocator.Block partial = c.allocator().allocate((long) blocks * Sizeof.FLOAT);
            try {
                c.launch("loss.cu", "sum_squares_partial_f32", blocks, 1, 256, 1, ptr(in[0]), Pointer.to(partial.pointer()), longArg(n));
                c.launch("loss.cu", "sum_partials_f32", 1, 1, 256, 1, Pointer.to(partial.pointer()), ptr(out[0]), intArg(blocks),
                        floatArg(0.5f));
                // The partial buffer goes back to the cache: later work on the one stream is ordered after these kernels.
            } finally {
                c.allocator().free(partial);
            }
        });
    }

    private static void softmax(CudaContext c, dev.imgcls.tensor.Tensor x, dev.imgcls.tensor.Tensor y, int log) {
        requireFloat32(log == 1 ? "log_softmax" : "softmax", x);
        int classes = x.dim(-1);
        long rows = x.numel() / classes;
        c.launch("loss.cu", "softmax_rows_f32", (int) Math.max(1, Math.min(rows, 65535)), 1, rowBlock(classes), 1, ptr(x), ptr(y),
                longArg(rows), intArg(classes), intArg(log));
    }

    /** Threads per row: a multiple of 32, no more than the classes need, at most 256. */
    static int rowBlock(int classes) {
        return Math.min(256, Math.max(32, (classes + 31) / 32 * 32));
    }
}
