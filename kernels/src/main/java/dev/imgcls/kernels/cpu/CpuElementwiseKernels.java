package dev.imgcls.kernels.cpu;

import dev.imgcls.kernels.host.Broadcast;
import dev.imgcls.tensor.NoAttrs;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ElementwiseOps;
import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.spi.Kernel;
import dev.imgcls.tensor.spi.KernelTable;

/**
 * FLOAT32 elementwise kernels (and bias_add), parallel over chunks of the flat array. The
 * activations and their gradients run range loops ({@link ActivationLoops}, SIMD when available;
 * {@link ArithmeticLoops}) so that a parallel task makes one call, not one per element.
 */
final class CpuElementwiseKernels {
    private static final int GRAIN = 1 << 15;

    private CpuElementwiseKernels() {
    }

    /** A float binary function the JIT can inline into the loops below. */
    interface FloatBinary {
        float apply(float a, float b);
    }

    interface FloatUnary {
        float apply(float a);
    }

    static void register(KernelTable t) {
        t.put(ElementwiseOps.ADD, binary((a, b) -> a + b));
        t.put(ElementwiseOps.SUB, binary((a, b) -> a - b));
        t.put(ElementwiseOps.MUL, binary((a, b) -> a * b));
        t.put(ElementwiseOps.DIV, binary((a, b) -> a / b));
        t.put(ElementwiseOps.NEG, unary(x -> -x));
        t.put(ElementwiseOps.IDENTITY, unary(x -> x));
        t.put(ElementwiseOps.RELU, unary(x -> x > 0 ? x : 0f));
        t.put(ElementwiseOps.RELU_GRAD, binary((g, x) -> x > 0 ? g : 0f));
        ActivationLoops act = ActivationLoops.get();
        t.put(ElementwiseOps.SIGMOID, map(act::sigmoid));
        t.put(ElementwiseOps.TANH, map(act::tanh));
        t.put(ElementwiseOps.SWISH, map(act::swish));
        t.put(ElementwiseOps.EXP, map(act::exp));
        t.put(ElementwiseOps.SWISH_GRAD, zip(act::swishGrad));
        t.put(ElementwiseOps.SIGMOID_GRAD, zip(ArithmeticLoops::sigmoidGrad));
        t.put(ElementwiseOps.TANH_GRAD, zip(ArithmeticLoops::tanhGrad));
        t.put(ElementwiseOps.LOG, map(ArithmeticLoops::log));
        t.put(ElementwiseOps.SQRT, map(ArithmeticLoops::sqrt));
        t.put(ElementwiseOps.RSQRT, map(ArithmeticLoops::rsqrt));
        t.put(ElementwiseOps.SQUARE, map(ArithmeticLoops::square));
        t.put(LinalgOps.BIAS_ADD, (a, in, out) -> {
            float[] x = in[0].host().floats();
            float[] b = in[1].host().floats();
            float[] y = out[0].host().floats();
            int c = b.length;
            if (c == 0) {
                return;
            }
            Parallel.forRange(y.length / c, Math.max(1, GRAIN / c), (s, e) -> ArithmeticLoops.biasAddRows(x, b, y, s, e));
        });
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
            float[] x = in[0].host().floats();
            float[] y = out[0].host().floats();
            Parallel.forRange(y.length, GRAIN, (s, e) -> loop.run(x, y, s, e));
        };
    }

    /** For the *_grad ops, whose shape rule makes both inputs the output's shape. */
    static Kernel<NoAttrs> zip(FloatZipLoop loop) {
        return (a, in, out) -> {
            float[] g = in[0].host().floats();
            float[] x = in[1].host().floats();
            float[] y = out[0].host().floats();
            Parallel.forRange(y.length, GRAIN, (s, e) -> loop.run(g, x, y, s, e));
        };
    }

    static Kernel<NoAttrs> unary(FloatUnary f) {
        return (a, in, out) -> {
            float[] x = in[0].host().floats();
            float[] y = out[0].host().floats();
            Parallel.forRange(y.length, GRAIN, (s, e) -> {
                for (int i = s; i < e; i++) {
                    y[i] = f.apply(x[i]);
                }
            });
        };
    }

    /**
     * Same-shape inputs run as one flat loop; when the right operand repeats along the leading
     * dimensions (a bias or per-channel scale over NHWC) the loop runs row by row; anything else
     * goes through an index map.
     */
    static Kernel<NoAttrs> binary(FloatBinary f) {
        return (a, in, out) -> {
            Tensor o = out[0];
            float[] x = in[0].host().floats();
            float[] z = in[1].host().floats();
            float[] y = o.host().floats();
            boolean xFull = in[0].shape().equals(o.shape());
            if (xFull && in[1].shape().equals(o.shape())) {
                Parallel.forRange(y.length, GRAIN, (s, e) -> {
                    for (int i = s; i < e; i++) {
                        y[i] = f.apply(x[i], z[i]);
                    }
                });
            } else if (xFull && isTrailing(in[1], o)) {
                int row = z.length;
                Parallel.forRange(y.length / row, Math.max(1, GRAIN / row), (s, e) -> {
                    for (int r = s; r < e; r++) {
                        int base = r * row;
                        for (int j = 0; j < row; j++) {
                            y[base + j] = f.apply(x[base + j], z[j]);
                        }
                    }
                });
            } else {
                int[] ia = Broadcast.sourceIndex(in[0].shape(), o.shape());
                int[] ib = Broadcast.sourceIndex(in[1].shape(), o.shape());
                Parallel.forRange(y.length, GRAIN, (s, e) -> {
                    for (int i = s; i < e; i++) {
                        y[i] = f.apply(x[ia[i]], z[ib[i]]);
                    }
                });
            }
        };
    }

    /** Whether b's elements repeat as whole trailing rows of out (b = out's last dims, leading ones 1). */
    private static boolean isTrailing(Tensor b, Tensor out) {
        int lead = out.rank() - b.rank();
        int first = 0;
        while (first < b.rank() && b.dim(first) == 1) {
            first++;
        }
        for (int d = first; d < b.rank(); d++) {
            if (b.dim(d) != out.dim(d + lead)) {
                return false;
            }
        }
        return b.numel() > 0;
    }
}
