package dev.imgcls.kernels.ops;

import dev.imgcls.kernels.testing.BackendUnderTest;
import dev.imgcls.kernels.testing.EveryBackend;
import dev.imgcls.kernels.testing.OpCheck;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ElementwiseOps;
import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.ops.LossOps;
import dev.imgcls.tensor.ops.NormOps;
import dev.imgcls.tensor.ops.Padding;
import dev.imgcls.tensor.ops.PoolOps;
import dev.imgcls.tensor.ops.PoolOps.PoolAttrs;
import dev.imgcls.tensor.ops.ReduceOps;
import dev.imgcls.tensor.ops.ShapeOps;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static dev.imgcls.kernels.ops.TestTensors.sameAsReference;
import static dev.imgcls.kernels.testing.OpCheck.assertClose;
import static dev.imgcls.kernels.testing.OpCheck.compareBackends1;
import static dev.imgcls.kernels.testing.OpCheck.compareSpecialValues;
import static dev.imgcls.kernels.testing.OpCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The special-value rules of the {@code tensor.ops} package doc ("Special values"): NaN, ±0 and
 * ±∞ through every elementwise op and its gradient, reductions, pooling, softmax and the losses;
 * the reference's values checked against TensorFlow's (taken from TF 2.18 on the CPU), every other
 * backend against the reference, zeros with their sign.
 */
class SpecialValuesOpsTest {
    private static final float NAN = Float.NaN;
    private static final float INF = Float.POSITIVE_INFINITY;
    /** NaN, −0, +0, ±∞, ordinary values, a denormal, a huge value; repeated so vector bodies and tails both see each. */
    private static final float[] SPECIAL = {NAN, -0f, 0f, INF, -INF, 1.5f, -2f, 1e-40f, -3e30f};

    private static Tensor special(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = SPECIAL[i % SPECIAL.length];
        }
        return Tensor.of(v, n);
    }

    private static final List<Function<Tensor[], Tensor>> UNARY = List.of(
            t -> t[0].relu(), t -> t[0].neg(), t -> ElementwiseOps.identity(t[0]), t -> ElementwiseOps.sigmoid(t[0]),
            t -> ElementwiseOps.tanh(t[0]), t -> ElementwiseOps.swish(t[0]), t -> ElementwiseOps.exp(t[0]), t -> ElementwiseOps.log(t[0]),
            t -> ElementwiseOps.sqrt(t[0]), t -> ElementwiseOps.rsqrt(t[0]), t -> ElementwiseOps.square(t[0]), t -> t[0].mul(-1),
            t -> ElementwiseOps.gelu(t[0]));

    /** TF's values at {NaN, −0, +0, +∞, −∞, 1.5, −2} (relu through identity; the rest follow IEEE float). */
    @Test
    void referenceGivesTensorFlowsValues() {
        Tensor x = Tensor.of(new float[] {NAN, -0f, 0f, INF, -INF, 1.5f, -2f}, 7);
        Tensor g = Tensor.of(new float[] {-1, -1, -1, -1, -1, -1, NAN}, 7);
        expect(new float[] {NAN, -0f, 0f, INF, 0f, 1.5f, 0f}, t -> t[0].relu(), x);
        expect(new float[] {-0f, -0f, -0f, -1f, -0f, -1f, NAN}, t -> ElementwiseOps.RELU_GRAD.apply1(dev.imgcls.tensor.NoAttrs.NONE, t[1], t[0]), x, g);
        expect(new float[] {NAN, 0f, -0f, -INF, INF, -1.5f, 2f}, t -> t[0].neg(), x);
        expect(new float[] {NAN, 0f, -0f, -INF, INF, -1.5f, 2f}, t -> t[0].mul(-1), x);
        expect(new float[] {NAN, 0.5f, 0.5f, 1f, 0f, 0.8175745f, 0.11920292f}, t -> ElementwiseOps.sigmoid(t[0]), x);
        expect(new float[] {NAN, -0f, 0f, 1f, -1f, 0.9051483f, -0.9640276f}, t -> ElementwiseOps.tanh(t[0]), x);
        expect(new float[] {NAN, 1f, 1f, INF, 0f, 4.481689f, 0.13533528f}, t -> ElementwiseOps.exp(t[0]), x);
        expect(new float[] {NAN, -INF, -INF, INF, NAN, 0.4054651f, NAN}, t -> ElementwiseOps.log(t[0]), x);
        expect(new float[] {NAN, -0f, 0f, INF, NAN, 1.2247449f, NAN}, t -> ElementwiseOps.sqrt(t[0]), x);
        expect(new float[] {NAN, -INF, INF, 0f, NAN, 0.8164966f, NAN}, t -> ElementwiseOps.rsqrt(t[0]), x);
        expect(new float[] {NAN, 0f, 0f, INF, INF, 2.25f, 4f}, t -> ElementwiseOps.square(t[0]), x);
        // swish(−∞) = −∞·0: NaN in the formula, as in TF's x·sigmoid(x).
        expect(new float[] {NAN, -0f, 0f, INF, NAN, 1.2263618f, -0.23840584f}, t -> ElementwiseOps.swish(t[0]), x);
        // gelu(−∞) = −∞·½(1 + erf(−∞)) = −∞·0: NaN, as TF's formula.
        expect(new float[] {NAN, -0f, 0f, INF, NAN, 1.3997892f, -0.04550026f}, t -> ElementwiseOps.gelu(t[0]), x);
        // −0 + −0 = −0, −0 + 0 = +0, 0 − 0 = +0, 1/±0 = ±∞, 0/0 = NaN.
        expect(new float[] {-0f, 0f, 0f, -0f}, t -> t[0].add(t[1]), Tensor.of(new float[] {-0f, -0f, 0f, -0f}, 4),
                Tensor.of(new float[] {-0f, 0f, -0f, -0f}, 4));
        expect(new float[] {0f, -0f}, t -> t[0].sub(t[1]), Tensor.of(new float[] {0f, -0f}, 2), Tensor.of(new float[] {0f, 0f}, 2));
        expect(new float[] {INF, -INF, NAN, -INF}, t -> t[0].div(t[1]), Tensor.of(new float[] {1, -1, 0, 1}, 4), Tensor.of(new float[] {0f, 0f, 0f, -0f}, 4));
    }

    /** Softmax and its cross entropy: a −∞ logit gets probability 0; a +∞ or NaN logit makes its row NaN. */
    @Test
    void referenceSoftmaxFollowsTensorFlowOnInfiniteLogits() {
        Tensor logits = Tensor.of(new float[] {INF, 1, 2, -INF, 1, 2, NAN, 1, 2}, 3, 3);
        expect(new float[] {NAN, NAN, NAN, 0f, 0.26894143f, 0.7310586f, NAN, NAN, NAN}, t -> LossOps.softmax(t[0]), logits);
        expect(new float[] {NAN, NAN, NAN, -INF, -1.3132616f, -0.31326166f, NAN, NAN, NAN}, t -> LossOps.logSoftmax(t[0]), logits);
        expect(new float[] {NAN, 1.3132616f, NAN}, t -> LossOps.softmaxCrossEntropy(t[0], t[1], 0), logits, Tensor.ofInts(new int[] {1, 1, 1}, 3));
        expect(new float[] {-INF, -INF, -INF}, t -> ReduceOps.max(t[0], false, 1), Tensor.zeros(3, 0));
    }

    private static void expect(float[] expected, Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor actual = OpCheck.run(OpCheck.ORACLE, x -> new Tensor[] {f.apply(x)}, inputs)[0];
        assertClose(Tensor.of(expected, expected.length), actual.reshape(expected.length), 1e-6, true, "reference");
    }

    @EveryBackend
    void elementwiseOpsAndGradients(BackendUnderTest backend) {
        Tensor x = special(37);
        for (Function<Tensor[], Tensor> f : UNARY) {
            compareSpecialValues(backend, f, 1e-6, x);
        }
        Tensor col = special(9).reshape(9, 1);
        Tensor row = special(9).reshape(1, 9);
        compareSpecialValues(backend, t -> t[0].add(t[1]), 1e-6, col, row);
        compareSpecialValues(backend, t -> t[0].sub(t[1]), 1e-6, col, row);
        compareSpecialValues(backend, t -> t[0].mul(t[1]), 1e-6, col, row);
        compareSpecialValues(backend, t -> t[0].div(t[1]), 1e-6, col, row);
        compareSpecialValues(backend, t -> LinalgOps.biasAdd(t[0], t[1]), 1e-6, special(36).reshape(4, 9), special(9));
        // Gradient ops fed special upstream gradients too.
        compareSpecialValues(backend, t -> ElementwiseOps.GELU_GRAD.apply1(dev.imgcls.tensor.NoAttrs.NONE, t[0], t[1]), 1e-6, special(37),
                ShapeOps.slice(special(38), new int[] {1}, new int[] {37}));
        compareSpecialValues(backend, t -> ElementwiseOps.RELU_GRAD.apply1(dev.imgcls.tensor.NoAttrs.NONE, t[0], t[1]), 1e-6, special(37),
                ShapeOps.slice(special(38), new int[] {1}, new int[] {37}));
    }

    @EveryBackend
    void reductionsAndSelection(BackendUnderTest backend) {
        Tensor m = Tensor.of(new float[] {1, NAN, 3, -INF, -INF, -INF, -0f, 0f, -0f, NAN, INF, 2, INF, -INF, 1, 5, 4, 3}, 6, 3);
        compareBackends1(backend, t -> ReduceOps.sum(t[0], false, 1), 1e-6, m);
        compareBackends1(backend, t -> ReduceOps.sum(t[0], false, 0), 1e-6, m);
        compareBackends1(backend, t -> ReduceOps.max(t[0], false, 1), 0, m);
        compareBackends1(backend, t -> ReduceOps.max(t[0], true, 0), 0, m);
        compareBackends1(backend, t -> LossOps.l2Loss(t[0]), 1e-6, m);
        sameAsReference(backend, t -> ShapeOps.argmax(t[0], 1), m);
        sameAsReference(backend, t -> ShapeOps.argmax(t[0], 0), m);
        sameAsReference(backend, t -> ShapeOps.argmax(t[0], 0),
                Tensor.of(new float[] {-0f, 0f, 1f, 1f, NAN, 2f, INF, NAN, -1f, -0f, 0f, -3f}, 4, 3));
        float[] ties = new float[2 * 9];
        for (int i = 0; i < ties.length; i++) {
            ties[i] = i % 3 == 0 ? 2f : (i % 3 == 1 ? -0f : 0f);
        }
        sameAsReference(backend, t -> ShapeOps.topK(t[0], 7)[0], Tensor.of(ties, 2, 9));
        sameAsReference(backend, t -> ShapeOps.topK(t[0], 7)[1], Tensor.of(ties, 2, 9));
    }

    @EveryBackend
    void poolingSoftmaxAndLosses(BackendUnderTest backend) {
        float[] img = new float[2 * 4 * 4 * 3];
        for (int i = 0; i < img.length; i++) {
            img[i] = i % 11 == 0 ? SPECIAL[(i / 11) % SPECIAL.length] : (i * 7 % 13) - 6;
        }
        Tensor x = Tensor.of(img, 2, 4, 4, 3);
        for (PoolAttrs a : new PoolAttrs[] {PoolAttrs.of(2, 2, Padding.VALID), PoolAttrs.of(3, 1, Padding.SAME)}) {
            compareBackends1(backend, t -> PoolOps.maxPool(t[0], a), 0, x);
            compareBackends1(backend, t -> PoolOps.avgPool(t[0], a), 1e-6, x);
        }
        compareBackends1(backend, t -> PoolOps.globalAvgPool(t[0]), 1e-6, x);
        Tensor logits = Tensor.of(new float[] {INF, 1, 2, -INF, 1, 2, NAN, 1, 2, -INF, -INF, 0, 1e30f, -1e30f, 0}, 5, 3);
        compareSpecialValues(backend, t -> LossOps.softmax(t[0]), 1e-6, logits);
        compareSpecialValues(backend, t -> LossOps.logSoftmax(t[0]), 1e-6, logits);
        for (double ls : new double[] {0, 0.1}) {
            compareSpecialValues(backend, t -> LossOps.softmaxCrossEntropy(t[0], t[1], ls), 1e-6, logits, Tensor.ofInts(new int[] {1, 1, 1, 2, 0}, 5));
        }
        Tensor bn = Tensor.of(new float[] {1, NAN, 2, 3, -1, 4, 0, 5}, 4, 2);
        compareBackends1(backend, t -> NormOps.batchNormTrain(t[0], t[1], t[2], 1e-3).y(), 1e-5, bn, Tensor.ones(2), Tensor.zeros(2));
    }

    /** A 0-sized dimension gives an empty result (or the identity of a reduction), the same on every backend. */
    @EveryBackend
    void emptyTensors(BackendUnderTest backend) {
        Tensor e = randn(1, 2, 0, 3);
        for (Function<Tensor[], Tensor> f : UNARY) {
            compareSpecialValues(backend, f, 0, e);
        }
        compareSpecialValues(backend, t -> t[0].add(t[1]), 0, e, randn(2, 3));
        compareSpecialValues(backend, t -> t[0].mul(t[1]), 0, randn(3, 2, 1, 3), e);
        compareSpecialValues(backend, t -> ReduceOps.sum(t[0], false, 1), 0, e);
        compareSpecialValues(backend, t -> ReduceOps.sum(t[0], true, 0, 1, 2), 0, e);
        compareBackends1(backend, t -> ReduceOps.max(t[0], false, 1), 0, e);
        compareSpecialValues(backend, t -> LinalgOps.matmul(t[0], t[1], false, false), 0, randn(4, 3, 0), randn(5, 0, 4));
        compareSpecialValues(backend, t -> LinalgOps.matmul(t[0], t[1], false, false), 0, randn(6, 0, 5), randn(7, 5, 4));
        compareSpecialValues(backend, t -> ShapeOps.transpose(t[0], 2, 0, 1), 0, e);
        compareSpecialValues(backend, t -> ShapeOps.concat(1, t[0], t[1]), 0, e, randn(8, 2, 4, 3));
        compareSpecialValues(backend, t -> LossOps.softmax(t[0]), 0, randn(9, 0, 5));
        compareSpecialValues(backend, t -> LossOps.l2Loss(t[0]), 0, e);
        compareSpecialValues(backend, t -> PoolOps.maxPool(t[0], PoolAttrs.of(2, 2, Padding.SAME)), 0, randn(10, 0, 4, 4, 3));
        compareSpecialValues(backend, t -> PoolOps.avgPool(t[0], PoolAttrs.of(2, 2, Padding.SAME)), 0, randn(11, 0, 4, 4, 3));
        compareSpecialValues(backend, t -> dev.imgcls.tensor.ops.ConvOps.conv2d(t[0], t[1], dev.imgcls.tensor.ops.ConvOps.Conv2dAttrs.of(1, Padding.SAME)),
                0, randn(12, 0, 4, 4, 3), randn(13, 3, 3, 3, 5));
        assertArrayEquals(new int[] {0, 3}, OpCheck.run(backend, t -> new Tensor[] {ShapeOps.oneHot(t[0], 3)}, Tensor.ofInts(new int[0], 0))[0].dims());
    }

    /** Size-1 dimensions: broadcasting from [1], reductions over size-1 axes, 1×1 images, batch 1, one class. */
    @EveryBackend
    void sizeOneDimensions(BackendUnderTest backend) {
        Tensor one = randn(20, 1, 1, 1, 1);
        compareSpecialValues(backend, t -> t[0].add(t[1]), 1e-6, one, randn(21, 1));
        compareSpecialValues(backend, t -> t[0].mul(t[1]), 1e-6, randn(22, 1), randn(23, 3, 1, 2));
        compareSpecialValues(backend, t -> ReduceOps.sum(t[0], false, 1, 2), 1e-6, randn(24, 2, 1, 1, 5));
        compareSpecialValues(backend, t -> ReduceOps.max(t[0], true, 3), 0, randn(25, 2, 3, 4, 1));
        compareSpecialValues(backend, t -> dev.imgcls.tensor.ops.ConvOps.conv2d(t[0], t[1], dev.imgcls.tensor.ops.ConvOps.Conv2dAttrs.of(1, Padding.SAME)),
                1e-5, randn(26, 1, 1, 1, 3), randn(27, 1, 1, 3, 4));
        compareSpecialValues(backend, t -> dev.imgcls.tensor.ops.ConvOps.conv2d(t[0], t[1], dev.imgcls.tensor.ops.ConvOps.Conv2dAttrs.of(2, Padding.SAME)),
                1e-5, randn(28, 1, 1, 1, 1), randn(29, 3, 3, 1, 1));
        compareSpecialValues(backend, t -> PoolOps.maxPool(t[0], PoolAttrs.of(1, 1, Padding.VALID)), 0, one);
        compareSpecialValues(backend, t -> PoolOps.avgPool(t[0], PoolAttrs.of(3, 2, Padding.SAME)), 1e-6, one);
        compareSpecialValues(backend, t -> PoolOps.globalAvgPool(t[0]), 1e-6, one);
        compareSpecialValues(backend, t -> LossOps.softmax(t[0]), 1e-6, randn(30, 4, 1));
        compareSpecialValues(backend, t -> LossOps.softmaxCrossEntropy(t[0], t[1], 0), 1e-6, randn(31, 4, 1), Tensor.ofInts(new int[] {0, 0, 0, 0}, 4));
        compareSpecialValues(backend, t -> LinalgOps.matmul(t[0], t[1], false, false), 1e-6, randn(32, 1, 1), randn(33, 1, 7));
        // Batch 1, 1×1 image: every channel has one value, so variance 0 and y = β.
        compareBackends1(backend, t -> NormOps.batchNormTrain(t[0], t[1], t[2], 1e-3).y(), 1e-5, randn(34, 1, 1, 1, 5), Tensor.ones(5), randn(35, 5));
        compareSpecialValues(backend, t -> ShapeOps.transpose(t[0], 3, 1, 2, 0), 0, randn(36, 2, 1, 1, 3));
    }
}
