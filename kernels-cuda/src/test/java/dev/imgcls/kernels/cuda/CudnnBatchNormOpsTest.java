package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaTestSupport.compare;
import static dev.imgcls.kernels.cuda.CudaTestSupport.compareWithGrad;
import static dev.imgcls.kernels.testing.OpCheck.randn;
import static dev.imgcls.kernels.testing.OpCheck.uniform;

import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.NormOps;
import dev.imgcls.tensor.ops.NormOps.BatchNormGradAttrs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * batch_norm_train / _infer / _grad on cuDNN (and our inference-mode gradient kernel) against the
 * reference: NHWC and [N, C] inputs, odd channel counts, ResNet's ε = 1.001e-5 and 1e-3.
 * SKIPPED with the reason when no usable GPU is present.
 */
class CudnnBatchNormOpsTest {
    private static final double TOL = 1e-4;
    private static final int[][] SHAPES = {{4, 5, 7, 17}, {1, 3, 3, 33}, {16, 10}, {3, 1, 1, 5}};

    @BeforeEach
    void requireGpu() {
        CudaTestSupport.requireGpu();
    }

    @Test
    void trainingOutputsMeanAndBiasedVariance() {
        long seed = 100;
        for (int[] shape : SHAPES) {
            int c = shape[shape.length - 1];
            Tensor x = randn(seed++, shape).mul(3).add(1);
            for (double eps : new double[] {1.001e-5, 1e-3}) {
                compare(t -> NormOps.BATCH_NORM_TRAIN.apply(new NormOps.BatchNormAttrs(eps), t), TOL, x, uniform(seed++, 0.5, 2, c),
                        randn(seed++, c));
            }
        }
    }

    @Test
    void trainingGradients() {
        long seed = 200;
        for (int[] shape : SHAPES) {
            int c = shape[shape.length - 1];
            compareWithGrad(t -> NormOps.batchNormTrain(t[0], t[1], t[2], 1.001e-5).y(), TOL, randn(seed++, shape),
                    uniform(seed++, 0.5, 2, c), randn(seed++, c));
        }
    }

    @Test
    void inferenceAndItsGradients() {
        long seed = 300;
        for (int[] shape : SHAPES) {
            int c = shape[shape.length - 1];
            Tensor mean = randn(seed++, c);
            Tensor var = uniform(seed++, 0.1, 3, c);
            compareWithGrad(t -> NormOps.batchNormInfer(t[0], t[1], t[2], t[3], t[4], 1e-3), TOL, randn(seed++, shape),
                    uniform(seed++, 0.5, 2, c), randn(seed++, c), mean, var);
        }
    }

    @Test
    void gradientOpWithGivenStatisticsInBothModes() {
        long seed = 400;
        int[] shape = {2, 5, 3, 19};
        for (boolean training : new boolean[] {true, false}) {
            BatchNormGradAttrs attrs = new BatchNormGradAttrs(1e-3, training);
            compare(t -> NormOps.BATCH_NORM_GRAD.apply(attrs, t), TOL, randn(seed++, shape), randn(seed++, shape),
                    uniform(seed++, 0.5, 2, 19), randn(seed++, 19), uniform(seed++, 0.1, 3, 19));
        }
    }
}
