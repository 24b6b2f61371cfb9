package dev.imgcls.tensor.ops;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;

/**
 * Dropout and drop-connect as TF1 writes them: {@code x / keep · floor(keep + U)} with U uniform
 * in [0, 1) and keep = 1 − rate, so kept values are scaled by 1/keep and the expectation is
 * unchanged. The 0/1 mask is drawn on the host from the caller's {@link Generator} (one
 * {@code nextFloat} per mask element, in row-major order), so a seed reproduces it exactly (a
 * {@linkplain Generator#forBatchSlice batch slice} draws its rows of the whole batch's mask); the
 * result is built from div and mul, which give the backward pass.
 */
public final class RegularizationOps {
    private RegularizationOps() {
    }

    /**
     * Elementwise dropout ({@code tf.nn.dropout}); x itself when not training or rate is 0.
     * Draws {@code x.numel()} values from gen.
     * <pre>{@code Tensor h = RegularizationOps.dropout(x, 0.2, new Generator(42), true);}</pre>
     */
    public static Tensor dropout(Tensor x, double rate, Generator gen, boolean training) {
        checkRate(rate);
        if (!training || rate == 0) {
            return x;
        }
        return applyMask(x, rate, gen, x.dims());
    }

    /**
     * Drop-connect (EfficientNet's per-sample stochastic depth): one keep/drop decision per batch
     * row, a mask of shape [N,1,…,1] broadcast over the rest; x itself when not training or rate
     * is 0. Draws {@code x.dim(0)} values from gen.
     * <pre>{@code Tensor residual = RegularizationOps.dropConnect(block, 0.2, gen, training).add(shortcut);}</pre>
     */
    public static Tensor dropConnect(Tensor x, double rate, Generator gen, boolean training) {
        checkRate(rate);
        if (x.rank() < 1) {
            throw new IllegalArgumentException("dropConnect needs a batch axis, got a scalar");
        }
        if (!training || rate == 0) {
            return x;
        }
        int[] maskDims = new int[x.rank()];
        java.util.Arrays.fill(maskDims, 1);
        maskDims[0] = x.dim(0);
        return applyMask(x, rate, gen, maskDims);
    }

    private static void checkRate(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("drop rate must be in [0, 1), got " + rate);
        }
    }

    /** x / keep · mask, the same operation order as TF so float32 results round alike. */
    private static Tensor applyMask(Tensor x, double rate, Generator gen, int[] maskDims) {
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException("dropout input must be FLOAT32 or FLOAT64, got " + x.dtype());
        }
        float keep = (float) (1.0 - rate);
        int count = 1;
        for (int d : maskDims) {
            count *= d;
        }
        // A batch slice draws its rows of the whole batch's mask: rows are contiguous in row-major order.
        gen.skip((long) gen.batchSliceIndex() * count);
        double[] bits = new double[count];
        for (int i = 0; i < count; i++) {
            // TF adds keep_prob and the uniform draw in float32 before the floor.
            bits[i] = Math.floor(keep + gen.nextFloat());
        }
        gen.skip((long) (gen.batchSliceCount() - 1 - gen.batchSliceIndex()) * count);
        Tensor mask = (x.dtype() == DType.FLOAT64 ? Tensor.of(bits, maskDims) : Tensor.of(toFloats(bits), maskDims)).toDevice(x.device());
        return x.div(Tensor.scalarLike(x, keep)).mul(mask);
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
