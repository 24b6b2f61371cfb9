package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaTensors.longArg;
import static dev.imgcls.kernels.cuda.CudaTensors.ptr;
import static dev.imgcls.kernels.cuda.CudaTensors.storage;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync;

import java.util.function.Supplier;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.ops.ShapeOps;
import dev.imgcls.tensor.spi.KernelTable;

/** cast between every pair of FLOAT32, FLOAT64, INT32, INT64 and UINT8 (cast.cu); same dtype = device copy. */
final class CudaCastKernels {
    private CudaCastKernels() {
    }

    static void register(KernelTable table, Supplier<CudaContext> cuda) {
        table.put(ShapeOps.CAST, (a, in, out) -> {
            CudaContext c = cuda.get();
            long n = in[0].numel();
            if (n == 0) {
                return;
            }
            DType from = in[0].dtype();
            DType to = out[0].dtype();
            if (from == to) {
                CudaCheck.driver(cuMemcpyDtoDAsync(storage(out[0]).pointer(), storage(in[0]).pointer(), n * from.byteSize(), c.stream()),
                        "cuMemcpyDtoDAsync");
                return;
            }
            c.launch1d("cast.cu", "cast_" + suffix(from) + "_" + suffix(to), n, ptr(in[0]), ptr(out[0]), longArg(n));
        });
    }

    /** The kernel-name suffix of a dtype, shared by cast.cu and select.cu. */
    static String suffix(DType t) {
        return switch (t) {
            case FLOAT32 -> "f32";
            case FLOAT64 -> "f64";
            case INT32 -> "i32";
            case INT64 -> "i64";
            case UINT8 -> "u8";
        };
    }
}
