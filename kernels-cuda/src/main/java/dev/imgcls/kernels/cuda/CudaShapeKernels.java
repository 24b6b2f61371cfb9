package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaCopies.strides;
import static dev.imgcls.kernels.cuda.CudaTensors.ptr;

import java.util.function.Supplier;

import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ShapeOps;
import dev.imgcls.tensor.spi.KernelTable;

/** transpose, slice, pad and concat for every dtype: one or a few strided box copies (shape.cu) each. */
final class CudaShapeKernels {
    private CudaShapeKernels() {
    }

    static void register(KernelTable table, Supplier<CudaContext> cuda) {
        table.put(ShapeOps.TRANSPOSE, (a, in, out) -> {
            int[] perm = a.perm();
            long[] inStrides = strides(in[0].dims());
            long[] src = new long[perm.length];
            for (int i = 0; i < perm.length; i++) {
                src[i] = inStrides[perm[i]];
            }
            int[] dims = out[0].dims();
            CudaCopies.copy(cuda.get(), bytes(in[0]), ptr(in[0]), 0, src, ptr(out[0]), 0, strides(dims), dims);
        });
        table.put(ShapeOps.SLICE, (a, in, out) -> {
            long[] inStrides = strides(in[0].dims());
            long base = 0;
            for (int d = 0; d < inStrides.length; d++) {
                base += a.begin()[d] * inStrides[d];
            }
            int[] dims = out[0].dims();
            CudaCopies.copy(cuda.get(), bytes(in[0]), ptr(in[0]), base, inStrides, ptr(out[0]), 0, strides(dims), dims);
        });
        table.put(ShapeOps.PAD, (a, in, out) -> {
            CudaContext c = cuda.get();
            long[] outStrides = strides(out[0].dims());
            long base = 0;
            for (int d = 0; d < outStrides.length; d++) {
                base += a.before()[d] * outStrides[d];
            }
            CudaCopies.fill(c, bytes(out[0]), ptr(out[0]), out[0].numel(), CudaCopies.bits(out[0].dtype(), a.value()));
            CudaCopies.copy(c, bytes(in[0]), ptr(in[0]), 0, strides(in[0].dims()), ptr(out[0]), base, outStrides, in[0].dims());
        });
        table.put(ShapeOps.CONCAT, (a, in, out) -> {
            CudaContext c = cuda.get();
            int axis = out[0].shape().normalizeAxis(a.axis());
            long[] outStrides = strides(out[0].dims());
            long offset = 0;
            for (Tensor x : in) {
                CudaCopies.copy(c, bytes(x), ptr(x), 0, strides(x.dims()), ptr(out[0]), offset * outStrides[axis], outStrides, x.dims());
                offset += x.dim(axis);
            }
        });
    }

    static int bytes(Tensor t) {
        return t.dtype().byteSize();
    }
}
