package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaTensors.intArg;
import static dev.imgcls.kernels.cuda.CudaTensors.longArg;
import static dev.imgcls.kernels.cuda.CudaTensors.ptr;
import static dev.imgcls.kernels.cuda.CudaTensors.requireFloat32;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;

import java.util.function.Supplier;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.ops.ShapeOps;
import dev.imgcls.tensor.spi.KernelTable;
import jcuda.Pointer;
import jcuda.Sizeof;

/** argmax and top_k for every dtype, top_k_grad (FLOAT32) and one_hot (INT32/INT64 indices, any output dtype): select.cu. */
final class CudaSelectionKernels {
    static final String FILE = "select.cu";
    /** Must match select.cu's TOPK_THREADS (a power of two: the block reduction halves it). */
    static final int TOPK_THREADS = 256;

    private CudaSelectionKernels() {
    }

    static void register(KernelTable table, Supplier<CudaContext> cuda) {
        table.put(ShapeOps.ARGMAX, (a, in, out) -> {
            Shape s = in[0].shape();
            int axis = s.normalizeAxis(a.axis());
            long outCount = out[0].numel();
            long inner = CudaCopies.strides(s.dims())[axis];
            cuda.get().launch1d(FILE, "argmax_" + CudaCastKernels.suffix(in[0].dtype()), outCount, ptr(in[0]), ptr(out[0]),
                    longArg(outCount), intArg(s.dim(axis)), longArg(inner));
        });
        table.put(ShapeOps.TOP_K, (a, in, out) -> {
            int n = in[0].dim(-1);
            long rows = n == 0 ? 0 : in[0].numel() / n;
            if (a.k() == 0 || rows == 0) {
                return;
            }
            cuda.get().launch(FILE, "top_k_" + CudaCastKernels.suffix(in[0].dtype()), (int) Math.min(rows, 65535), 1, TOPK_THREADS, 1,
                    ptr(in[0]), ptr(out[0]), ptr(out[1]), longArg(rows), intArg(n), intArg(a.k()));
        });
        table.put(ShapeOps.TOP_K_GRAD, (a, in, out) -> {
            requireFloat32("top_k_grad", in[0]);
            int n = a.n();
            int k = in[0].dim(-1);
            long rows = n == 0 ? 0 : out[0].numel() / n;
            if (rows == 0) {
                return;
            }
            CudaContext c = cuda.get();
            // The first (row·k + j) whose index lies outside [0, n), or MAX_VALUE: read back after the launch.
            CudaAllocator.Block flag = c.allocator().allocate(Sizeof.LONG);
            try {
                CudaCheck.driver(cuMemcpyHtoD(flag.pointer(), Pointer.to(new long[] {Long.MAX_VALUE}), Sizeof.LONG), "cuMemcpyHtoD");
                c.launch1d(FILE, "top_k_grad_f32", rows * n, ptr(in[0]), ptr(in[1]), ptr(out[0]), longArg(rows), intArg(n), intArg(k),
                        Pointer.to(flag.pointer()));
                c.synchronize();
                long[] bad = {0};
                CudaCheck.driver(cuMemcpyDtoH(Pointer.to(bad), flag.pointer(), Sizeof.LONG), "cuMemcpyDtoH");
                if (bad[0] != Long.MAX_VALUE) {
                    int index = in[1].toIntArray()[(int) bad[0]];
                    throw new IllegalArgumentException("top_k_grad: index " + index + " outside [0, " + n + ")");
                }
            } finally {
                c.allocator().free(flag);
            }
        });
        table.put(ShapeOps.ONE_HOT, (a, in, out) -> {
            long count = in[0].numel();
            if (count == 0 || a.depth() == 0) {
                return;
            }
            DType to = out[0].dtype();
            String kernel = "one_hot_" + CudaCastKernels.suffix(in[0].dtype()) + "_b" + CudaCopies.width(to.byteSize());
            cuda.get().launch1d(FILE, kernel, count * a.depth(), ptr(in[0]), ptr(out[0]), longArg(count), intArg(a.depth()),
                    longArg(CudaCopies.bits(to, a.on())), longArg(CudaCopies.bits(to, a.off())));
        });
    }
}
