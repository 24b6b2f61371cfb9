package dev.imgcls.kernels.cpu;

import dev.imgcls.tensor.NoAttrs;
import dev.imgcls.tensor.ops.ElementwiseOps;
import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.spi.Kernel;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.TensorAccess;

/**
 * FLOAT32 elementwise kernels (and bias_add), parallel over chunks of the flat array. Every kernel
 * runs loops over index ranges ({@link BinaryLoops} through {@link BroadcastBinary},
 * {@link ActivationLoops} with SIMD when available, {@link ArithmeticLoops}) so that a parallel
 * task makes one call per run, not one call of a shared lambda per element: such a call site
 * sees many lambdas, is not inlined and does not vectorise (measured 4–13× slower).
 */
final class CpuElementwiseKernels {
    private static final int GRAIN = 1 << 15;

    private CpuElementwiseKernels() {
    }

    static void register(KernelTable t) {
        t.put(ElementwiseOps.ADD, BroadcastBinary.kernel(BinaryLoops.ADD));
        t.put(ElementwiseOps.SUB, BroadcastBinary.kernel(BinaryLoops.SUB));
        t.put(ElementwiseOps.MUL, BroadcastBinary.kernel(BinaryLoops.MUL));
        t.put(ElementwiseOps.DIV, BroadcastBinary.kernel(BinaryLoops.DIV));
        t.put(ElementwiseOps.NEG, map(ArithmeticLoops::neg));
        t.put(ElementwiseOps.IDENTITY, map((x, y, from, to) -> System.arraycopy(x, from, y, from, to - from)));
        ActivationLoops act = ActivationLoops.get();
        t.put(ElementwiseOps.RELU, map(act::relu));
        t.put(ElementwiseOps.RELU_GRAD, zip(act::reluGrad));
        t.put(ElementwiseOps.SIGMOID, map(act::sigmoid));
        t.put(ElementwiseOps.TANH, map(act::tanh));
        t.put(ElementwiseOps.SWISH, map(act::swish));
        t.put(ElementwiseOps.EXP, map(act::exp));
        t.put(ElementwiseOps.SWISH_GRAD, zip(act::swishGrad));
        t.put(ElementwiseOps.GELU, map(act::gelu));
        t.put(ElementwiseOps.GELU_GRAD, zip(act::geluGrad));
        t.put(ElementwiseOps.SIGMOID_GRAD, zip(ArithmeticLoops::sigmoidGrad));
        t.put(ElementwiseOps.TANH_GRAD, zip(ArithmeticLoops::tanhGrad));
        t.put(ElementwiseOps.LOG, map(ArithmeticLoops::log));
        t.put(ElementwiseOps.SQRT, map(ArithmeticLoops::sqrt));
        t.put(ElementwiseOps.RSQRT, map(ArithmeticLoops::rsqrt));
        t.put(ElementwiseOps.SQUARE, map(ArithmeticLoops::square));
        // b [C] against x [..., C] is the broadcast kernel's "rows of C" case.
        t.put(LinalgOps.BIAS_ADD, BroadcastBinary.kernel(BinaryLoops.ADD));
    }

    /** A loop over the index range [from, to) of one input and the output. */
    interface FloatMapLoop {
        void run(float[] x, float[] y, int from, int to);
    }

    /** A loop over the index range [from, to) of two same-shape inputs and the output. */
    interface FloatZipLoop {
        void run(float[] a, float[] b, float[] y, int from, int to);
    }

    static Kernel<NoAttrs> map(FloatMapLoop loop) {
        return (a, in, out) -> {
            float[] x = TensorAccess.host(in[0]).floats();
            float[] y = TensorAccess.host(out[0]).floats();
            Parallel.forRange(y.length, GRAIN, (s, e) -> loop.run(x, y, s, e));
        };
    }

    /** For the *_grad ops, whose shape rule makes both inputs the output's shape. */
    static Kernel<NoAttrs> zip(FloatZipLoop loop) {
        return (a, in, out) -> {
            float[] g = TensorAccess.host(in[0]).floats();
            float[] x = TensorAccess.host(in[1]).floats();
            float[] y = TensorAccess.host(out[0]).floats();
            Parallel.forRange(y.length, GRAIN, (s, e) -> loop.run(g, x, y, s, e));
        };
    }
}
