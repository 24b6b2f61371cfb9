package dev.imgcls.kernels.ops;

import dev.imgcls.kernels.testing.BackendUnderTest;
import dev.imgcls.kernels.testing.EveryBackend;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ElementwiseOps;
import dev.imgcls.tensor.ops.LinalgOps;
import org.junit.jupiter.api.Test;

import static dev.imgcls.kernels.ops.ShapeOpsTest.assertMessage;

import static dev.imgcls.kernels.testing.OpCheck.compareBackendsWithGrad;
import static dev.imgcls.kernels.testing.OpCheck.gradCheck;
import static dev.imgcls.kernels.testing.OpCheck.randn;
import static dev.imgcls.kernels.testing.OpCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ElementwiseOpsTest {
    @Test
    void binaryOpsBroadcastAndDifferentiate() {
        Tensor a = randn(1, 2, 3, 5);
        Tensor b = randn(2, 3, 1);
        Tensor c = uniform(3, 0.5, 2.0, 5);
        gradCheck(x -> x[0].add(x[1]), a, b);
        gradCheck(x -> x[0].sub(x[1]), a, c);
        gradCheck(x -> x[0].mul(x[1]), b, a);
        gradCheck(x -> x[0].div(x[1]), a, c);
        gradCheck(x -> x[1].div(x[0]), c, randn(4, 1, 1, 5));
    }

    @Test
    void unaryOpsDifferentiate() {
        gradCheck(x -> x[0].neg(), randn(5, 4, 7));
        gradCheck(x -> ElementwiseOps.identity(x[0]), randn(6, 9));
        gradCheck(x -> x[0].relu(), awayFromZero(randn(7, 3, 11)));
    }

    @EveryBackend
    void matchesReference(BackendUnderTest backend) {
        // Odd sizes, scalar and per-channel broadcasting, a middle-axis broadcast, batch 1.
        Tensor x = randn(10, 1, 7, 5, 19);
        Tensor[] others = {randn(11, 1, 7, 5, 19), randn(12, 19), randn(13, 1), randn(14, 7, 1, 19), randn(15, 5, 1)};
        for (Tensor o : others) {
            compareBackendsWithGrad(backend, t -> t[0].add(t[1]), 1e-6, x, o);
            compareBackendsWithGrad(backend, t -> t[0].sub(t[1]), 1e-6, x, o);
            compareBackendsWithGrad(backend, t -> t[0].mul(t[1]), 1e-6, x, o);
            compareBackendsWithGrad(backend, t -> t[0].div(t[1].mul(t[1]).add(0.5)), 1e-5, x, o);
            compareBackendsWithGrad(backend, t -> t[1].add(t[0]), 1e-6, x, o);
        }
        compareBackendsWithGrad(backend, t -> t[0].relu().neg(), 1e-6, randn(16, 3, 33, 17));
        compareBackendsWithGrad(backend, t -> ElementwiseOps.identity(t[0]), 1e-6, randn(17, 100003));
    }

    @EveryBackend
    void everyBroadcastPatternMatchesReference(BackendUnderTest backend) {
        // {left shape, right shape}: same shape; scalar either side; a row repeated (bias) either side;
        // per-image channel scale (squeeze-excite); a column repeated along the last axis; middle
        // axes broadcast; sizes whose parallel split falls in the middle of a row; empty.
        int[][][] cases = {
                {{4, 9, 33}, {4, 9, 33}}, {{100003}, {1}}, {{1}, {3, 5, 17}}, {{2, 7, 5, 19}, {19}}, {{19}, {6, 19}},
                {{2, 5, 7, 19}, {2, 1, 1, 19}}, {{2, 1, 1, 19}, {2, 5, 7, 19}}, {{2, 5, 7, 19}, {2, 5, 7, 1}},
                {{3, 40001, 3}, {3, 1, 3}}, {{40001, 3}, {40001, 1}}, {{1, 3}, {5, 1}}, {{2, 0, 3}, {3}}, {{}, {}},
        };
        long seed = 60;
        for (int[][] c : cases) {
            Tensor a = randn(seed++, c[0]);
            Tensor b = uniform(seed++, 0.5, 2, c[1]);
            compareBackendsWithGrad(backend, t -> t[0].add(t[1]), 1e-6, a, b);
            compareBackendsWithGrad(backend, t -> t[0].sub(t[1]), 1e-6, a, b);
            compareBackendsWithGrad(backend, t -> t[0].mul(t[1]), 1e-6, a, b);
            compareBackendsWithGrad(backend, t -> t[0].div(t[1]), 1e-5, a, b);
            compareBackendsWithGrad(backend, t -> t[1].div(t[0].mul(t[0]).add(1)), 1e-5, a, b);
        }
    }

    @Test
    void mathFunctionValues() {
        Tensor x = Tensor.of(new float[] {4, 0.25f, 1}, 3);
        assertArrayEquals(new float[] {2, 0.5f, 1}, ElementwiseOps.sqrt(x).toFloatArray(), 1e-7f);
        assertArrayEquals(new float[] {0.5f, 2, 1}, ElementwiseOps.rsqrt(x).toFloatArray(), 1e-7f);
        assertArrayEquals(new float[] {16, 0.0625f, 1}, ElementwiseOps.square(x).toFloatArray(), 0);
        assertArrayEquals(new float[] {(float) Math.log(4), (float) Math.log(0.25), 0}, ElementwiseOps.log(x).toFloatArray(), 1e-7f);
        assertArrayEquals(new float[] {(float) Math.E, 1, 0, Float.POSITIVE_INFINITY},
                ElementwiseOps.exp(Tensor.of(new float[] {1, 0, -200, 100}, 4)).toFloatArray(), 1e-6f);
        assertEquals(Float.NEGATIVE_INFINITY, ElementwiseOps.log(Tensor.of(new float[] {0}, 1)).toFloatArray()[0]);
    }

    @Test
    void mathFunctionsDifferentiate() {
        Tensor positive = uniform(20, 0.3, 3, 3, 7);
        gradCheck(x -> ElementwiseOps.exp(x[0]), randn(21, 3, 7));
        gradCheck(x -> ElementwiseOps.log(x[0]), positive);
        gradCheck(x -> ElementwiseOps.sqrt(x[0]), positive);
        gradCheck(x -> ElementwiseOps.rsqrt(x[0]), positive);
        gradCheck(x -> ElementwiseOps.square(x[0]), randn(22, 2, 3, 4));
    }

    @EveryBackend
    void mathFunctionsMatchesReference(BackendUnderTest backend) {
        Tensor positive = uniform(30, 0.05, 40, 3, 33, 17);
        Tensor any = uniform(31, -30, 30, 1, 5, 7, 19);
        compareBackendsWithGrad(backend, x -> ElementwiseOps.exp(x[0]), 1e-6, any);
        compareBackendsWithGrad(backend, x -> ElementwiseOps.exp(x[0]), 1e-6, uniform(32, -100, 80, 100003));
        compareBackendsWithGrad(backend, x -> ElementwiseOps.log(x[0]), 1e-6, positive);
        compareBackendsWithGrad(backend, x -> ElementwiseOps.sqrt(x[0]), 1e-6, positive);
        compareBackendsWithGrad(backend, x -> ElementwiseOps.rsqrt(x[0]), backend.tol(1e-6, 1e-5), positive);
        compareBackendsWithGrad(backend, x -> ElementwiseOps.square(x[0]), 1e-6, any);
    }

    @Test
    void biasAddAddsAlongTheLastAxis() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new float[] {10, 20, 30}, 3);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, LinalgOps.biasAdd(x, b).toFloatArray());
        gradCheck(t -> LinalgOps.biasAdd(t[0], t[1]), randn(40, 2, 3, 5, 7), randn(41, 7));
        gradCheck(t -> LinalgOps.biasAdd(t[0], t[1]), randn(42, 5), randn(43, 5));

    }

    @EveryBackend
    void biasAddMatchesReference(BackendUnderTest backend) {
        compareBackendsWithGrad(backend, t -> LinalgOps.biasAdd(t[0], t[1]), 1e-5, randn(44, 1, 9, 7, 19), randn(45, 19));
        compareBackendsWithGrad(backend, t -> LinalgOps.biasAdd(t[0], t[1]), 1e-5, randn(46, 8, 15, 15, 40), randn(47, 40));
        compareBackendsWithGrad(backend, t -> LinalgOps.biasAdd(t[0], t[1]), 1e-5, randn(48, 20011, 3), randn(49, 3));
    }

    @Test
    void biasAddRejectsMismatchedBias() {
        assertMessage(() -> LinalgOps.biasAdd(randn(1, 2, 3), randn(2, 2)), "must match the last dimension (3)");
        assertMessage(() -> LinalgOps.biasAdd(randn(1, 2, 3), randn(2, 1, 3)), "bias must have rank 1");
        assertMessage(() -> LinalgOps.biasAdd(Tensor.scalar(1f), randn(2, 1)), "scalar");
    }

    /** Moves values out of (-0.05, 0.05) so finite differences never straddle a kink at 0. */
    static Tensor awayFromZero(Tensor t) {
        float[] v = t.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] >= 0 ? v[i] + 0.05f : v[i] - 0.05f;
        }
        return Tensor.of(v, t.dims());
    }
}
