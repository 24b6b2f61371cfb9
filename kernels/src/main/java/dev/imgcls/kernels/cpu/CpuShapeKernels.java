package dev.imgcls.kernels.cpu;

import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ShapeOps;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.TensorAccess;

/**
 * transpose, slice, pad and concat for every dtype, each one or a few {@link StridedCopy} boxes;
 * the selection ops and cast register from their own classes.
 */
final class CpuShapeKernels {
    private CpuShapeKernels() {
    }

    static void register(KernelTable t) {
        t.put(ShapeOps.TRANSPOSE, (a, in, out) -> {
            int[] perm = a.perm();
            int[] inStrides = in[0].shape().strides();
            int[] srcStrides = new int[perm.length];
            for (int i = 0; i < perm.length; i++) {
                srcStrides[i] = inStrides[perm[i]];
            }
            Shape o = out[0].shape();
            StridedCopy.copy(array(in[0]), 0, srcStrides, array(out[0]), 0, o.strides(), o.dims());
        });
        t.put(ShapeOps.SLICE, (a, in, out) -> {
            int[] inStrides = in[0].shape().strides();
            int base = 0;
            for (int d = 0; d < inStrides.length; d++) {
                base += a.begin()[d] * inStrides[d];
            }
            Shape o = out[0].shape();
            StridedCopy.copy(array(in[0]), base, inStrides, array(out[0]), 0, o.strides(), o.dims());
        });
        t.put(ShapeOps.PAD, (a, in, out) -> {
            Shape o = out[0].shape();
            int[] outStrides = o.strides();
            int base = 0;
            for (int d = 0; d < outStrides.length; d++) {
                base += a.before()[d] * outStrides[d];
            }
            StridedCopy.fill(array(out[0]), o.numel(), a.value());
            StridedCopy.copy(array(in[0]), 0, in[0].shape().strides(), array(out[0]), base, outStrides, in[0].dims());
        });
        t.put(ShapeOps.CONCAT, (a, in, out) -> {
            Shape o = out[0].shape();
            int axis = o.normalizeAxis(a.axis());
            int[] outStrides = o.strides();
            int offset = 0;
            for (Tensor x : in) {
                StridedCopy.copy(array(x), 0, x.shape().strides(), array(out[0]), offset * outStrides[axis], outStrides, x.dims());
                offset += x.dim(axis);
            }
        });
        CpuSelectionKernels.register(t);
        CpuCastKernels.register(t);
    }

    private static Object array(Tensor t) {
        return TensorAccess.host(t).array();
    }
}
