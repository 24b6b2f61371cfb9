package dev.imgcls.kernels.cpu;

import dev.imgcls.kernels.host.Broadcast;
import dev.imgcls.tensor.NoAttrs;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ElementwiseOps;
import dev.imgcls.tensor.spi.Kernel;
import dev.imgcls.tensor.spi.KernelTable;

/** FLOAT32 elementwise kernels, parallel over chunks of the flat array. */
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
