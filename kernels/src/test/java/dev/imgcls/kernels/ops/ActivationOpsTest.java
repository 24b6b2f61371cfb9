package dev.imgcls.kernels.ops;

import dev.imgcls.kernels.testing.BackendUnderTest;
import dev.imgcls.kernels.testing.EveryBackend;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ElementwiseOps;
import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static dev.imgcls.kernels.testing.OpCheck.compareBackendsWithGrad;
import static dev.imgcls.kernels.testing.OpCheck.gradCheck;
import static dev.imgcls.kernels.testing.OpCheck.randn;
import static dev.imgcls.kernels.testing.OpCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** sigmoid, tanh, swish and gelu with their fused gradient ops. */
class ActivationOpsTest {
    private static final Function<Tensor[], Tensor> SIGMOID = t -> ElementwiseOps.sigmoid(t[0]);
    private static final Function<Tensor[], Tensor> TANH = t -> ElementwiseOps.tanh(t[0]);
    private static final Function<Tensor[], Tensor> SWISH = t -> ElementwiseOps.swish(t[0]);
    private static final Function<Tensor[], Tensor> GELU = t -> ElementwiseOps.gelu(t[0]);

    @Test
    void knownValues() {
        Tensor x = Tensor.of(new float[] {0, 2, -2, 40, -40}, 5);
        assertArrayEquals(new float[] {0.5f, 0.880797f, 0.119203f, 1f, 4.248354e-18f}, ElementwiseOps.sigmoid(x).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0f, 0.964028f, -0.964028f, 1f, -1f}, ElementwiseOps.tanh(x).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0f, 1.761594f, -0.238406f, 40f, -1.699e-16f}, ElementwiseOps.swish(x).toFloatArray(), 1e-6f);
        assertEquals(4.248354e-18, ElementwiseOps.sigmoid(x).toFloatArray()[4], 1e-23, "tiny sigmoid keeps its relative precision");
        // tf.nn.gelu(x) (approximate=False): x·½(1 + erf(x/√2)); −40 underflows to −0 as in TF's float formula.
        assertArrayEquals(new float[] {0f, 1.9544997f, -0.04550026f, 40f, -0f}, ElementwiseOps.gelu(x).toFloatArray(), 1e-6f);
    }

    @Test
    void activationsDifferentiate() {
        Tensor x = randn(1, 3, 5, 7);
        gradCheck(SIGMOID, x);
        gradCheck(TANH, x);
        gradCheck(SWISH, x);
        gradCheck(GELU, x);
        Tensor wide = uniform(2, -9, 9, 41);
        gradCheck(SIGMOID, wide);
        gradCheck(TANH, wide);
        gradCheck(SWISH, wide);
        gradCheck(GELU, wide);
        // Chained, so the gradient ops see gradients that are not the all-random seed.
        gradCheck(t -> ElementwiseOps.swish(ElementwiseOps.tanh(ElementwiseOps.sigmoid(t[0]).mul(3))), x);
    }

    @EveryBackend
    void matchesReferenceOnAwkwardShapes(BackendUnderTest backend) {
        int[][] shapes = {{1}, {17}, {3, 33}, {1, 7, 5, 19}, {2, 3, 5, 7, 9}, {100003}};
        long seed = 10;
        for (int[] shape : shapes) {
            Tensor x = uniform(seed++, -12, 12, shape);
            compareBackendsWithGrad(backend, SIGMOID, 1e-6, x);
            compareBackendsWithGrad(backend, TANH, 1e-6, x);
            compareBackendsWithGrad(backend, SWISH, 1e-6, x);
            compareBackendsWithGrad(backend, GELU, 1e-6, x);
        }
        compareBackendsWithGrad(backend, t -> ElementwiseOps.swish(t[0]).mul(ElementwiseOps.sigmoid(t[0])), 1e-6, randn(20, 2, 9, 9, 24));
        compareBackendsWithGrad(backend, t -> ElementwiseOps.gelu(ElementwiseOps.tanh(t[0]).mul(3)), 1e-6, randn(21, 2, 9, 9, 24));
    }

    @Test
    void gradientOpsCheckTheirShapes() {
        Tensor g = randn(1, 3, 4);
        assertThrows(IllegalArgumentException.class, () -> ElementwiseOps.SIGMOID_GRAD.apply1(dev.imgcls.tensor.NoAttrs.NONE, g, randn(2, 4, 3)));
        assertThrows(IllegalArgumentException.class, () -> ElementwiseOps.sigmoid(Tensor.ofInts(new int[] {1}, 1)));
        assertThrows(IllegalArgumentException.class, () -> ElementwiseOps.GELU_GRAD.apply1(dev.imgcls.tensor.NoAttrs.NONE, g, randn(2, 4, 3)));
        assertThrows(IllegalArgumentException.class, () -> ElementwiseOps.gelu(Tensor.ofInts(new int[] {1}, 1)));
    }
}
