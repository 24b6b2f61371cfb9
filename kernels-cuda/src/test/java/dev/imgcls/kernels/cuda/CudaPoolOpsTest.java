package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaTestSupport.compareWithGrad;
import static dev.imgcls.kernels.testing.OpCheck.randn;

import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.Padding;
import dev.imgcls.tensor.ops.PoolOps;
import dev.imgcls.tensor.ops.PoolOps.PoolAttrs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * max_pool / avg_pool and their gradients (pool.cu) against the reference: asymmetric SAME
 * padding, VALID, explicit padding, windows larger than the stride, global average pooling, and
 * ties (the gradient goes to the first maximum). SKIPPED with the reason when no usable GPU is present.
 */
class CudaPoolOpsTest {
    private static final PoolAttrs[] ATTRS = {
        PoolAttrs.of(3, 2, Padding.SAME), PoolAttrs.of(2, 2, Padding.VALID), PoolAttrs.of(3, 1, Padding.SAME),
        new PoolAttrs(3, 2, 2, 3, Padding.explicit(1, 2, 0, 1)), new PoolAttrs(1, 1, 3, 2, Padding.VALID)};

    @BeforeEach
    void requireGpu() {
        CudaTestSupport.requireGpu();
    }

    @Test
    void maxAndAveragePoolWithGradients() {
        long seed = 500;
        for (int[] shape : new int[][] {{2, 8, 10, 17}, {1, 9, 7, 3}, {3, 5, 5, 33}}) {
            for (PoolAttrs a : ATTRS) {
                Tensor x = randn(seed++, shape);
                compareWithGrad(t -> PoolOps.maxPool(t[0], a), 1e-6, x);
                compareWithGrad(t -> PoolOps.avgPool(t[0], a), 1e-6, x);
            }
        }
    }

    @Test
    void tiesSendTheGradientToTheFirstMaximum() {
        // Values from {−1, 0, 1}: most windows hold several equal maxima.
        float[] v = randn(600, 2, 9, 8, 5).toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.round(v[i] * 0.8f);
        }
        Tensor x = Tensor.of(v, 2, 9, 8, 5);
        for (PoolAttrs a : ATTRS) {
            compareWithGrad(t -> PoolOps.maxPool(t[0], a), 1e-6, x);
        }
    }

    @Test
    void globalAveragePool() {
        compareWithGrad(t -> PoolOps.globalAvgPool(t[0]), 1e-6, randn(700, 3, 7, 6, 19));
    }
}
