package dev.imgcls.kernels.reference;

import dev.imgcls.kernels.host.Broadcast;
import dev.imgcls.tensor.NoAttrs;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ElementwiseOps;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.KernelTable;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** Elementwise ops, one double-precision formula each. */
final class ReferenceElementwiseKernels {
    private ReferenceElementwiseKernels() {
    }

    static void register(KernelTable t) {
        t.put(ElementwiseOps.ADD, binary((a, b) -> a + b));
        t.put(ElementwiseOps.SUB, binary((a, b) -> a - b));
        t.put(ElementwiseOps.MUL, binary((a, b) -> a * b));
        t.put(ElementwiseOps.DIV, binary((a, b) -> a / b));
        t.put(ElementwiseOps.NEG, unary(x -> -x));
        t.put(ElementwiseOps.IDENTITY, unary(x -> x));
        t.put(ElementwiseOps.RELU, unary(x -> x > 0 ? x : 0));
        t.put(ElementwiseOps.RELU_GRAD, binary((g, x) -> x > 0 ? g : 0));
    }

    /** f applied to every element. */
    static dev.imgcls.tensor.spi.Kernel<NoAttrs> unary(DoubleUnaryOperator f) {
        return (a, in, out) -> {
            HostStorage x = in[0].host();
            HostStorage y = out[0].host();
            for (int i = 0; i < y.size(); i++) {
                y.setDouble(i, f.applyAsDouble(x.getDouble(i)));
            }
        };
    }

    /** f over the broadcast of the two inputs. */
    static dev.imgcls.tensor.spi.Kernel<NoAttrs> binary(DoubleBinaryOperator f) {
        return (a, in, out) -> {
            Tensor o = out[0];
            int[] ia = Broadcast.sourceIndex(in[0].shape(), o.shape());
            int[] ib = Broadcast.sourceIndex(in[1].shape(), o.shape());
            HostStorage x = in[0].host();
            HostStorage z = in[1].host();
            HostStorage y = o.host();
            for (int i = 0; i < y.size(); i++) {
                y.setDouble(i, f.applyAsDouble(x.getDouble(ia[i]), z.getDouble(ib[i])));
            }
        };
    }
}
