package dev.imgcls.kernels.ops;

import dev.imgcls.kernels.testing.BackendUnderTest;
import dev.imgcls.kernels.testing.EveryBackend;
import dev.imgcls.kernels.testing.OpCheck;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.NormOps;
import dev.imgcls.tensor.ops.NormOps.BatchNormGradAttrs;
import dev.imgcls.tensor.ops.NormOps.TrainOutputs;
import dev.imgcls.tensor.spi.Backend;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static dev.imgcls.kernels.testing.OpCheck.assertClose;
import static dev.imgcls.kernels.testing.OpCheck.compareBackends;
import static dev.imgcls.kernels.testing.OpCheck.compareBackendsWithGrad;
import static dev.imgcls.kernels.testing.OpCheck.f64;
import static dev.imgcls.kernels.testing.OpCheck.gradCheck;
import static dev.imgcls.kernels.testing.OpCheck.randn;
import static dev.imgcls.kernels.testing.OpCheck.run;
import static dev.imgcls.kernels.testing.OpCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NormOpsTest {
    /** x shapes: NHWC with odd sizes and channel counts off multiples of 16, batch 1, and dense [N,C]. */
    private static final List<int[]> SHAPES = List.of(
            new int[] {1, 7, 7, 3}, new int[] {2, 5, 9, 17}, new int[] {4, 3, 3, 33}, new int[] {3, 33}, new int[] {1, 1, 1, 5});

    @Test
    void trainNormalisesWithBatchMeanAndBiasedVariance() {
        // Column 0: 1,2,3,4 → mean 2.5, biased variance (2.25+0.25+0.25+2.25)/4 = 1.25.
        // Column 1: -1,0,0,5 → mean 1, biased variance (4+1+1+16)/4 = 5.5.
        Tensor x = Tensor.of(new float[] {1, -1, 2, 0, 3, 0, 4, 5}, 4, 2);
        Tensor gamma = Tensor.of(new float[] {2, 0.5f}, 2);
        Tensor beta = Tensor.of(new float[] {0.1f, -1}, 2);
        double eps = 1e-3;
        float[] expected = new float[8];
        double[] mean = {2.5, 1};
        double[] var = {1.25, 5.5};
        float[] xs = x.toFloatArray();
        for (int i = 0; i < 8; i++) {
            int c = i % 2;
            expected[i] = (float) ((xs[i] - mean[c]) * gamma.toFloatArray()[c] / Math.sqrt(var[c] + eps) + beta.toFloatArray()[c]);
        }
        for (Backend b : List.of(OpCheck.REFERENCE, OpCheck.CPU)) {
            try (Autograd.Scope ignored = Backends.use(b)) {
                TrainOutputs out = NormOps.batchNormTrain(x, gamma, beta, eps);
                assertArrayEquals(new float[] {2.5f, 1}, out.mean().toFloatArray(), 1e-6f, b.name());
                assertArrayEquals(new float[] {1.25f, 5.5f}, out.variance().toFloatArray(), 1e-6f, b.name());
                assertArrayEquals(expected, out.y().toFloatArray(), 1e-6f, b.name());
                // Inference with these statistics gives the same y.
                assertArrayEquals(expected, NormOps.batchNormInfer(x, gamma, beta, out.mean(), out.variance(), eps).toFloatArray(), 1e-6f, b.name());
            }
        }
    }

    /**
     * The CPU takes both moments in one pass about the first row: data far from zero relative to
     * its spread, with the first row an outlier, must still give the reference's statistics.
     */
    @EveryBackend
    void statisticsOfOffsetDataWithAnOutlierFirstRow(BackendUnderTest backend) {
        int rows = 3001;
        int channels = 19;
        float[] v = randn(7, rows, channels).toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = 1000f + 0.05f * v[i] + (i < channels ? 2f : 0f);
        }
        Tensor x = Tensor.of(v, rows, channels);
        compareBackends(backend, t -> {
            TrainOutputs o = NormOps.batchNormTrain(t[0], t[1], t[2], 1e-3);
            return new Tensor[] {o.y(), o.mean(), o.variance()};
        }, 1e-5, x, randn(8, channels), randn(9, channels));
    }

    @Test
    void movingAverageUpdateFollowsTf1() {
        // m·momentum + batch·(1 − momentum): 1·0.9 + 3·0.1 = 1.2, 2·0.9 + 0·0.1 = 1.8.
        Tensor updated = NormOps.updateMovingAverage(Tensor.of(new float[] {1, 2}, 2), Tensor.of(new float[] {3, 0}, 2), 0.9);
        assertArrayEquals(new float[] {1.2f, 1.8f}, updated.toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0.99f, 0.01f},
                NormOps.updateMovingAverage(Tensor.of(new float[] {1, 0}, 2), Tensor.of(new float[] {0, 1}, 2), 0.99).toFloatArray(), 1e-7f);
        // No graph is recorded even when the batch statistic requires a gradient.
        Tensor stat = Tensor.of(new float[] {3, 0}, 2).requiresGrad(true);
        assertTrue(NormOps.updateMovingAverage(Tensor.of(new float[] {1, 2}, 2), stat, 0.9).isLeaf());
        assertThrows(IllegalArgumentException.class, () -> NormOps.updateMovingAverage(Tensor.ones(2), Tensor.ones(3), 0.9));
        assertThrows(IllegalArgumentException.class, () -> NormOps.updateMovingAverage(Tensor.ones(2), Tensor.ones(2), 1.5));
    }

    @Test
    void besselCorrectionScalesByMOverMMinusOne() {
        // Biased variance 1.25 over 4 samples → unbiased 1.25·4/3.
        assertArrayEquals(new float[] {1.25f * 4 / 3, 3 * 4f / 3}, NormOps.besselCorrected(Tensor.of(new float[] {1.25f, 3}, 2), 4).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {2}, NormOps.besselCorrected(Tensor.of(new float[] {2}, 1), 1).toFloatArray());
        assertEquals(2 * 3 * 3, NormOps.sampleCount(randn(1, 2, 3, 3, 5)));
    }

    @Test
    void trainGradientsMatchFiniteDifferences() {
        long seed = 20;
        for (int[] shape : SHAPES) {
            int c = shape[shape.length - 1];
            gradCheck(x -> NormOps.batchNormTrain(x[0], x[1], x[2], 1e-3).y(), randn(seed++, shape), uniform(seed++, 0.5, 2, c), randn(seed++, c));
        }
    }

    @Test
    void inferGradientsMatchFiniteDifferences() {
        long seed = 40;
        for (int[] shape : SHAPES) {
            int c = shape[shape.length - 1];
            Tensor mean = f64(randn(seed++, c));
            Tensor var = f64(uniform(seed++, 0.2, 3, c));
            gradCheck(x -> NormOps.batchNormInfer(x[0], x[1], x[2], mean, var, 1e-3), randn(seed++, shape), uniform(seed++, 0.5, 2, c), randn(seed++, c));
        }
    }

    @Test
    void batchStatisticsAreStopGradientLikeTfFusedBatchNorm() {
        Tensor x = randn(60, 2, 3, 3, 4).requiresGrad(true);
        Tensor gamma = uniform(61, 0.5, 2, 4);
        Tensor beta = randn(62, 4);
        TrainOutputs out = NormOps.batchNormTrain(x, gamma, beta, 1e-3);
        out.mean().sum().add(out.variance().sum()).backward();
        assertNull(x.grad(), "gradients into the batch mean/variance must not reach x");

        Tensor x2 = x.detach().requiresGrad(true);
        TrainOutputs both = NormOps.batchNormTrain(x2, gamma, beta, 1e-3);
        both.y().mul(randn(63, 2, 3, 3, 4)).sum().add(both.mean().sum()).backward();
        Tensor x3 = x.detach().requiresGrad(true);
        NormOps.batchNormTrain(x3, gamma, beta, 1e-3).y().mul(randn(63, 2, 3, 3, 4)).sum().backward();
        assertClose(x3.grad(), x2.grad(), 0, "dx with and without a gradient into the mean");
    }

    @EveryBackend
    void matchesReference(BackendUnderTest backend) {
        long seed = 80;
        for (int[] shape : SHAPES) {
            int c = shape[shape.length - 1];
            Tensor x = randn(seed++, shape);
            Tensor gamma = uniform(seed++, 0.5, 2, c);
            Tensor beta = randn(seed++, c);
            Tensor mean = randn(seed++, c);
            Tensor var = uniform(seed++, 0.2, 3, c);
            compareBackends(backend, t -> {
                TrainOutputs o = NormOps.batchNormTrain(t[0], t[1], t[2], 1e-3);
                return new Tensor[] {o.y(), o.mean(), o.variance()};
            }, backend.tol(1e-5, 1e-4), x, gamma, beta);
            compareBackendsWithGrad(backend, t -> NormOps.batchNormTrain(t[0], t[1], t[2], 1e-5).y(), backend.tol(2e-5, 1e-4), x, gamma, beta);
            compareBackendsWithGrad(backend, t -> NormOps.batchNormInfer(t[0], t[1], t[2], t[3], t[4], 1e-3), backend.tol(1e-5, 1e-4),
                    x, gamma, beta, mean, var);
        }
    }

    @EveryBackend
    void statisticsStayAccurateOverMillionsOfValues(BackendUnderTest backend) {
        // 1.2M values around 1000: a plain float running sum would be off in the third digit.
        int rows = 400_000;
        float[] v = randn(90, rows, 3).toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] += 1000 + (i % 3);
        }
        Tensor x = Tensor.of(v, rows, 3);
        Tensor gamma = Tensor.ones(3);
        Tensor beta = Tensor.zeros(3);
        Function<Tensor[], Tensor[]> moments = t -> {
            TrainOutputs o = NormOps.batchNormTrain(t[0], t[1], t[2], 1e-3);
            return new Tensor[] {o.mean(), o.variance(), o.y()};
        };
        backend.assumeUsable();
        Tensor[] exact = run(OpCheck.ORACLE, moments, x, gamma, beta);
        Tensor[] fast = run(backend, moments, x, gamma, beta);
        assertClose(exact[0], fast[0], 1e-7, "mean");
        assertClose(exact[1], fast[1], 1e-5, "variance");
        assertClose(exact[2], fast[2], 1e-4, "y");
    }

    @Test
    void badShapesAreRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NormOps.batchNormTrain(randn(1, 2, 3, 3, 5), Tensor.ones(4), Tensor.zeros(5), 1e-3));
        assertTrue(e.getMessage().contains("gamma") && e.getMessage().contains("[5]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NormOps.batchNormTrain(randn(2, 2, 3, 5), Tensor.ones(5), Tensor.zeros(5), 1e-3));
        assertThrows(IllegalArgumentException.class, () -> NormOps.batchNormTrain(randn(3, 2, 5), Tensor.ones(5), Tensor.zeros(5), -1));
        assertThrows(IllegalArgumentException.class,
                () -> NormOps.batchNormInfer(randn(4, 2, 5), Tensor.ones(5), Tensor.zeros(5), Tensor.zeros(5), Tensor.ones(6), 1e-3));
    }

    /** ResNet's ε and 1e-3 on NHWC and [N, C], the mean/variance outputs, and the gradient op in both modes. */
    @EveryBackend
    void everyOutputAndTheGradientOpInBothModes(BackendUnderTest backend) {
        double tol = backend.tol(2e-5, 1e-4);
        long seed = 100;
        for (int[] shape : new int[][] {{4, 5, 7, 17}, {1, 3, 3, 33}, {16, 10}, {3, 1, 1, 5}}) {
            int c = shape[shape.length - 1];
            Tensor x = randn(seed++, shape).mul(3).add(1);
            for (double eps : new double[] {1.001e-5, 1e-3}) {
                compareBackends(backend, t -> NormOps.BATCH_NORM_TRAIN.apply(new NormOps.BatchNormAttrs(eps), t), tol, x, uniform(seed++, 0.5, 2, c),
                        randn(seed++, c));
            }
            compareBackendsWithGrad(backend, t -> NormOps.batchNormTrain(t[0], t[1], t[2], 1.001e-5).y(), tol, randn(seed++, shape),
                    uniform(seed++, 0.5, 2, c), randn(seed++, c));
        }
        int[] shape = {2, 5, 3, 19};
        for (boolean training : new boolean[] {true, false}) {
            BatchNormGradAttrs attrs = new BatchNormGradAttrs(1e-3, training);
            compareBackends(backend, t -> NormOps.BATCH_NORM_GRAD.apply(attrs, t), tol, randn(seed++, shape), randn(seed++, shape),
                    uniform(seed++, 0.5, 2, 19), randn(seed++, 19), uniform(seed++, 0.1, 3, 19));
        }
    }
}
