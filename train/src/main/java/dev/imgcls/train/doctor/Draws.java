package dev.imgcls.train.doctor;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;

/** The self-check's input draws: seeded host tensors of the kinds ops need (normal, positive, labels, edge values). */
final class Draws {
    private Draws() {
    }

    /** One input drawn from a generator. */
    @FunctionalInterface
    interface Draw {
        Tensor draw(Generator g);
    }

    /** FLOAT32 Normal(0, std). */
    static Tensor normal(Generator g, double std, int... dims) {
        return Tensor.randomNormal(g, 0, std, dims);
    }

    /**
     * FLOAT32 Normal(0, 1/√fanIn): a weight as a network initialises it, so that a sum of fanIn
     * products with unit-scale values is of order 1 and an absolute tolerance reads as relative.
     */
    static Tensor scaled(Generator g, int fanIn, int... dims) {
        return Tensor.randomNormal(g, 0, 1 / Math.sqrt(fanIn), dims);
    }

    /** FLOAT32 uniform in [lo, hi). */
    static Tensor uniform(Generator g, double lo, double hi, int... dims) {
        return Tensor.randomUniform(g, lo, hi, dims);
    }

    /** FLOAT32 with magnitudes log-uniform in [lo, hi) and a random sign: a divisor kept away from zero. */
    static Tensor awayFromZero(Generator g, double lo, double hi, int... dims) {
        float[] v = logUniformValues(g, lo, hi, Shape.of(dims).numel());
        for (int i = 0; i < v.length; i++) {
            v[i] = (g.nextInt() & 1) == 0 ? v[i] : -v[i];
        }
        return Tensor.of(v, dims);
    }

    /** FLOAT32 positive values log-uniform in [lo, hi), spanning many binades (log, sqrt, rsqrt). */
    static Tensor logUniform(Generator g, double lo, double hi, int... dims) {
        return Tensor.of(logUniformValues(g, lo, hi, Shape.of(dims).numel()), dims);
    }

    /** FLOAT32 whole numbers in [−range, range]: many exact ties (max gradients, top_k order). */
    static Tensor wholeNumbers(Generator g, int range, int... dims) {
        float[] v = new float[Shape.of(dims).numel()];
        for (int i = 0; i < v.length; i++) {
            v[i] = below(g, 2 * range + 1) - range;
        }
        return Tensor.of(v, dims);
    }

    /** Integers uniform in [lo, hi) of {@code dtype} (INT32, INT64 or UINT8). */
    static Tensor integers(Generator g, int lo, int hi, DType dtype, int... dims) {
        int n = Shape.of(dims).numel();
        return switch (dtype) {
            case INT32 -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = lo + below(g, hi - lo);
                }
                yield Tensor.ofInts(v, dims);
            }
            case INT64 -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = lo + below(g, hi - lo);
                }
                yield Tensor.ofLongs(v, dims);
            }
            case UINT8 -> {
                byte[] v = new byte[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (byte) (lo + below(g, hi - lo));
                }
                yield Tensor.ofBytes(v, dims);
            }
            default -> throw new IllegalArgumentException("integers(): " + dtype + " is not an integer dtype");
        };
    }

    /** A copy of FLOAT32 {@code t} whose first elements are {@code edges} (zeros, large magnitudes, …). */
    static Tensor withEdges(Tensor t, float... edges) {
        float[] v = t.toFloatArray();
        if (edges.length > v.length) {
            throw new IllegalArgumentException(edges.length + " edge values do not fit in a tensor of " + v.length + " elements");
        }
        System.arraycopy(edges, 0, v, 0, edges.length);
        return Tensor.of(v, t.dims());
    }

    /** FLOAT32 {@code t}·factor + offset, computed on the host. */
    static Tensor affine(Tensor t, float factor, float offset) {
        float[] v = t.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] * factor + offset;
        }
        return Tensor.of(v, t.dims());
    }

    /** A uniform integer in [0, n). */
    private static int below(Generator g, int n) {
        return (int) ((g.nextInt() & 0xffffffffL) % n);
    }

    private static float[] logUniformValues(Generator g, double lo, double hi, int n) {
        if (!(lo > 0 && hi > lo)) {
            throw new IllegalArgumentException("log-uniform range must be 0 < lo < hi, got [" + lo + ", " + hi + ")");
        }
        double logLo = Math.log(lo);
        double span = Math.log(hi) - logLo;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.exp(logLo + span * g.nextDouble());
        }
        return v;
    }
}
