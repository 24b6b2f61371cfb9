package dev.imgcls.kernels.ops;

import dev.imgcls.kernels.testing.BackendUnderTest;
import dev.imgcls.kernels.testing.EveryBackend;
import dev.imgcls.kernels.testing.OpCheck;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.Padding;
import dev.imgcls.tensor.ops.PoolOps;
import dev.imgcls.tensor.ops.PoolOps.PoolAttrs;
import dev.imgcls.tensor.ops.ReduceOps;
import dev.imgcls.tensor.spi.Backend;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.imgcls.kernels.testing.OpCheck.assertClose;
import static dev.imgcls.kernels.testing.OpCheck.compareBackendsWithGrad;
import static dev.imgcls.kernels.testing.OpCheck.gradCheck;
import static dev.imgcls.kernels.testing.OpCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolOpsTest {
    private static final float[] ONE_TO_NINE = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    /** Pool configurations with the shapes that break naive kernels. */
    private record Case(int[] shape, PoolAttrs attrs) {
    }

    private static final List<Case> CASES = List.of(
            new Case(new int[] {1, 7, 7, 3}, PoolAttrs.of(3, 2, Padding.SAME)),       // ResNet stem pool on an odd input
            new Case(new int[] {2, 9, 11, 17}, PoolAttrs.of(3, 2, Padding.SAME)),
            new Case(new int[] {3, 8, 5, 33}, PoolAttrs.of(2, 2, Padding.VALID)),
            new Case(new int[] {1, 6, 6, 5}, PoolAttrs.of(3, 1, Padding.SAME)),
            new Case(new int[] {2, 5, 7, 4}, new PoolAttrs(2, 3, 2, 1, Padding.SAME)),
            new Case(new int[] {1, 8, 9, 6}, new PoolAttrs(3, 3, 2, 2, Padding.explicit(1, 2, 0, 1))),
            new Case(new int[] {2, 5, 5, 3}, PoolAttrs.of(1, 3, Padding.VALID)),      // stride > window: pixels no window sees
            new Case(new int[] {2, 16, 16, 64}, PoolAttrs.of(3, 2, Padding.SAME)));

    @Test
    void maxPoolSamePutsTheExtraPixelBottomRight() {
        // 3×3 input, 2×2 windows, stride 2, SAME: output 2×2, one padded row and column at the bottom/right,
        // so the windows are {1,2,4,5}, {3,6}, {7,8}, {9}.
        Tensor x = Tensor.of(ONE_TO_NINE, 1, 3, 3, 1);
        for (Backend b : List.of(OpCheck.REFERENCE, OpCheck.CPU)) {
            try (Autograd.Scope ignored = Backends.use(b)) {
                assertArrayEquals(new float[] {5, 6, 8, 9}, PoolOps.maxPool(x, 2, 2, Padding.SAME).toFloatArray(), b.name());
            }
        }
    }

    @Test
    void avgPoolSameDividesByTheInImagePixelCount() {
        Tensor x = Tensor.of(ONE_TO_NINE, 1, 3, 3, 1);
        for (Backend b : List.of(OpCheck.REFERENCE, OpCheck.CPU)) {
            try (Autograd.Scope ignored = Backends.use(b)) {
                // Windows {1,2,4,5}/4, {3,6}/2, {7,8}/2, {9}/1.
                assertArrayEquals(new float[] {3, 4.5f, 7.5f, 9}, PoolOps.avgPool(x, 2, 2, Padding.SAME).toFloatArray(), b.name());
                // 3×3 stride 1 SAME pads one pixel on every side: corners average 4 pixels, edges 6, the centre 9.
                assertArrayEquals(new float[] {3, 3.5f, 4, 4.5f, 5, 5.5f, 6, 6.5f, 7},
                        PoolOps.avgPool(x, 3, 1, Padding.SAME).toFloatArray(), b.name());
            }
        }
    }

    @Test
    void maxPoolGradientGoesToTheFirstMaximumInScanOrder() {
        // Rows [7 7 1] / [7 2 7], 2×2 windows at stride 1: window 0 = {7,7,7,2} routes to (0,0),
        // window 1 = {7,1,2,7} to (0,1); the later equal maxima get nothing.
        Tensor x = Tensor.of(new float[] {7, 7, 1, 7, 2, 7}, 1, 2, 3, 1);
        Tensor dy = Tensor.of(new float[] {1, 10}, 1, 1, 2, 1);
        for (Backend b : List.of(OpCheck.REFERENCE, OpCheck.CPU)) {
            try (Autograd.Scope ignored = Backends.use(b)) {
                Tensor leaf = x.detach().requiresGrad(true);
                PoolOps.maxPool(leaf, 2, 1, Padding.VALID).backward(dy);
                assertArrayEquals(new float[] {1, 10, 0, 0, 0, 0}, leaf.grad().toFloatArray(), b.name());
            }
        }
    }

    @EveryBackend
    void tiedMaximaInEveryChannelLaneGoToTheFirstInScanOrder(BackendUnderTest backend) {
        // Values from {0, 1, 2}: most windows hold several equal maxima, in 37 channels (vector
        // lanes plus a scalar tail), so both CPU paths must apply the tie rule like the reference.
        int[] shape = {2, 7, 6, 37};
        float[] v = new float[2 * 7 * 6 * 37];
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(3);
        }
        compareBackendsWithGrad(backend, x -> PoolOps.maxPool(x[0], PoolAttrs.of(3, 2, Padding.SAME)), 1e-6, Tensor.of(v, shape));
        compareBackendsWithGrad(backend, x -> PoolOps.maxPool(x[0], PoolAttrs.of(2, 1, Padding.VALID)), 1e-6, Tensor.of(v, shape));
    }

    @Test
    void poolGradientsMatchFiniteDifferences() {
        for (Case c : CASES.subList(0, 7)) {
            gradCheck(x -> PoolOps.maxPool(x[0], c.attrs()), distinct(1, c.shape()));
            gradCheck(x -> PoolOps.avgPool(x[0], c.attrs()), randn(2, c.shape()));
        }
    }

    @EveryBackend
    void matchesReference(BackendUnderTest backend) {
        long seed = 10;
        for (Case c : CASES) {
            compareBackendsWithGrad(backend, x -> PoolOps.maxPool(x[0], c.attrs()), 1e-6, randn(seed++, c.shape()));
            compareBackendsWithGrad(backend, x -> PoolOps.avgPool(x[0], c.attrs()), 1e-6, randn(seed++, c.shape()));
        }
    }

    @Test
    void globalAvgPoolIsTheSpatialMean() {
        Tensor x = randn(3, 2, 5, 7, 9);
        Tensor pooled = PoolOps.globalAvgPool(x);
        assertEquals(List.of(2, 9), java.util.Arrays.stream(pooled.dims()).boxed().toList());
        assertClose(ReduceOps.mean(x, false, 1, 2), pooled, 1e-6, "global average");
        gradCheck(t -> PoolOps.globalAvgPool(t[0]), randn(4, 2, 3, 5, 4));

    }

    @EveryBackend
    void globalAvgPoolMatchesReference(BackendUnderTest backend) {
        compareBackendsWithGrad(backend, t -> PoolOps.globalAvgPool(t[0]), 1e-6, randn(5, 1, 7, 7, 33));
    }

    @Test
    void badGeometryIsRejectedWithTheReason() {
        Tensor x = randn(6, 1, 4, 4, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PoolOps.maxPool(randn(7, 4, 4, 2), 2, 2, Padding.SAME));
        assertTrue(e.getMessage().contains("rank 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PoolOps.avgPool(x, 5, 1, Padding.VALID));
        assertThrows(IllegalArgumentException.class, () -> new PoolAttrs(2, 2, 1, 1, Padding.explicit(2, 0, 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> PoolOps.PoolAttrs.of(0, 1, Padding.SAME));
    }

    /**
     * Values 0.05 apart in shuffled order: no two window entries tie or come within a finite
     * difference step of each other, so max pooling is smooth at this point.
     */
    static Tensor distinct(long seed, int... shape) {
        int n = Tensor.zeros(shape).numel();
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i - n / 2f) * 0.05f;
        }
        Generator g = new Generator(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = (int) ((g.nextInt() & 0x7fffffffL) % (i + 1));
            float t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return Tensor.of(v, shape);
    }

    @EveryBackend
    void everyGeometryOnSeveralShapes(BackendUnderTest backend) {
        PoolAttrs[] attrs = {
            PoolAttrs.of(3, 2, Padding.SAME), PoolAttrs.of(2, 2, Padding.VALID), PoolAttrs.of(3, 1, Padding.SAME),
            new PoolAttrs(3, 2, 2, 3, Padding.explicit(1, 2, 0, 1)), new PoolAttrs(1, 1, 3, 2, Padding.VALID)};
        long seed = 500;
        for (int[] shape : new int[][] {{2, 8, 10, 17}, {1, 9, 7, 3}, {3, 5, 5, 33}}) {
            for (PoolAttrs a : attrs) {
                Tensor x = randn(seed++, shape);
                compareBackendsWithGrad(backend, t -> PoolOps.maxPool(t[0], a), 1e-6, x);
                compareBackendsWithGrad(backend, t -> PoolOps.avgPool(t[0], a), 1e-6, x);
            }
        }
        compareBackendsWithGrad(backend, t -> PoolOps.globalAvgPool(t[0]), 1e-6, randn(700, 3, 7, 6, 19));
    }
}
