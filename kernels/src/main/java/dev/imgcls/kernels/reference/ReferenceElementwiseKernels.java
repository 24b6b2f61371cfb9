package dev.imgcls.kernels.reference;

import dev.imgcls.kernels.host.Broadcast;
import dev.imgcls.tensor.NoAttrs;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ElementwiseOps;
import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.TensorAccess;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** Elementwise ops (and bias_add), one double-precision formula each. */
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
        t.put(ElementwiseOps.RELU, unary(x -> x < 0 ? 0 : x)); // NaN and −0 pass through, as TF
        t.put(ElementwiseOps.RELU_GRAD, binary((g, x) -> g * (x > 0 ? 1 : 0))); // TF's g·[x > 0]: −0 for g < 0, NaN for g = NaN
        t.put(ElementwiseOps.SIGMOID, unary(ReferenceElementwiseKernels::sigmoid));
        t.put(ElementwiseOps.SIGMOID_GRAD, binary((g, y) -> g * y * (1 - y)));
        t.put(ElementwiseOps.TANH, unary(Math::tanh));
        t.put(ElementwiseOps.TANH_GRAD, binary((g, y) -> g * (1 - y * y)));
        t.put(ElementwiseOps.SWISH, unary(x -> x * sigmoid(x)));
        t.put(ElementwiseOps.SWISH_GRAD, binary((g, x) -> {
            double s = sigmoid(x);
            return g * (s + x * s * (1 - s));
        }));
        t.put(ElementwiseOps.GELU, unary(x -> x * 0.5 * (1 + erf(x / Math.sqrt(2)))));
        t.put(ElementwiseOps.GELU_GRAD, binary((g, x) -> g * (0.5 * (1 + erf(x / Math.sqrt(2))) + x * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI))));
        t.put(ElementwiseOps.EXP, unary(Math::exp));
        t.put(ElementwiseOps.LOG, unary(Math::log));
        t.put(ElementwiseOps.SQRT, unary(Math::sqrt));
        t.put(ElementwiseOps.RSQRT, unary(x -> 1 / Math.sqrt(x)));
        t.put(ElementwiseOps.SQUARE, unary(x -> x * x));
        // b [C] broadcasts against x [..., C] by the usual rules.
        t.put(LinalgOps.BIAS_ADD, binary((x, b) -> x + b));
    }

    /** 1/(1+e^−x), written so that neither branch overflows. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /**
     * erf to double precision from the series (2/√π)·e^(−x²)·Σ 2ⁿx^(2n+1)/(2n+1)!!, whose terms are
     * all positive (no cancellation); beyond |x| = 6, erf is ±1 to within 2e-17.
     */
    static double erf(double x) {
        if (Double.isNaN(x) || x == 0) {
            return x; // NaN, and ±0 with its sign
        }
        double a = Math.abs(x);
        if (a > 6) {
            return Math.signum(x);
        }
        double term = a;
        double sum = a;
        for (int n = 1; term > 1e-17 * sum; n++) {
            term *= 2 * a * a / (2 * n + 1);
            sum += term;
        }
        return Math.copySign(Math.min(1, 2 / Math.sqrt(Math.PI) * Math.exp(-a * a) * sum), x);
    }

    /** f applied to every element. */
    static dev.imgcls.tensor.spi.Kernel<NoAttrs> unary(DoubleUnaryOperator f) {
        return (a, in, out) -> {
            HostStorage x = TensorAccess.host(in[0]);
            HostStorage y = TensorAccess.host(out[0]);
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
            HostStorage x = TensorAccess.host(in[0]);
            HostStorage z = TensorAccess.host(in[1]);
            HostStorage y = TensorAccess.host(o);
            for (int i = 0; i < y.size(); i++) {
                y.setDouble(i, f.applyAsDouble(x.getDouble(ia[i]), z.getDouble(ib[i])));
            }
        };
    }
}
