package dev.imgcls.kernels.reference;

import dev.imgcls.kernels.host.HostElements;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.ops.ShapeOps;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.TensorAccess;

/**
 * Data movement by coordinates: for every output element, compute its coordinates, map them to
 * the input element they come from, and copy it (exactly, whatever the dtype). The selection ops
 * and cast are in {@link ReferenceSelectionKernels}.
 */
final class ReferenceShapeKernels {
    private ReferenceShapeKernels() {
    }

    static void register(KernelTable t) {
        t.put(ShapeOps.TRANSPOSE, (a, in, out) -> {
            int[] perm = a.perm();
            int[] inStrides = in[0].shape().strides();
            Shape outShape = out[0].shape();
            for (int o = 0; o < outShape.numel(); o++) {
                int[] c = coordinates(o, outShape);
                int src = 0;
                for (int d = 0; d < c.length; d++) {
                    src += c[d] * inStrides[perm[d]];
                }
                HostElements.copy(TensorAccess.host(in[0]), src, TensorAccess.host(out[0]), o);
            }
        });
        t.put(ShapeOps.PAD, (a, in, out) -> {
            Shape inShape = in[0].shape();
            Shape outShape = out[0].shape();
            for (int o = 0; o < outShape.numel(); o++) {
                int[] c = coordinates(o, outShape);
                boolean inside = true;
                for (int d = 0; d < c.length; d++) {
                    c[d] -= a.before()[d];
                    inside &= c[d] >= 0 && c[d] < inShape.dim(d);
                }
                if (inside) {
                    HostElements.copy(TensorAccess.host(in[0]), flat(c, inShape), TensorAccess.host(out[0]), o);
                } else {
                    TensorAccess.host(out[0]).setDouble(o, a.value());
                }
            }
        });
        t.put(ShapeOps.SLICE, (a, in, out) -> {
            Shape outShape = out[0].shape();
            for (int o = 0; o < outShape.numel(); o++) {
                int[] c = coordinates(o, outShape);
                for (int d = 0; d < c.length; d++) {
                    c[d] += a.begin()[d];
                }
                HostElements.copy(TensorAccess.host(in[0]), flat(c, in[0].shape()), TensorAccess.host(out[0]), o);
            }
        });
        t.put(ShapeOps.CONCAT, (a, in, out) -> {
            Shape outShape = out[0].shape();
            int axis = outShape.normalizeAxis(a.axis());
            for (int o = 0; o < outShape.numel(); o++) {
                int[] c = coordinates(o, outShape);
                int which = 0;
                while (c[axis] >= in[which].dim(axis)) {
                    c[axis] -= in[which].dim(axis);
                    which++;
                }
                HostElements.copy(TensorAccess.host(in[which]), flat(c, in[which].shape()), TensorAccess.host(out[0]), o);
            }
        });
        ReferenceSelectionKernels.register(t);
    }

    /** Row-major coordinates of flat index i in shape s. */
    static int[] coordinates(int i, Shape s) {
        int[] c = new int[s.rank()];
        for (int d = s.rank() - 1; d >= 0; d--) {
            c[d] = i % s.dim(d);
            i /= s.dim(d);
        }
        return c;
    }

    /** Flat index of coordinates c in shape s. */
    static int flat(int[] c, Shape s) {
        int i = 0;
        for (int d = 0; d < c.length; d++) {
            i = i * s.dim(d) + c[d];
        }
        return i;
    }
}
