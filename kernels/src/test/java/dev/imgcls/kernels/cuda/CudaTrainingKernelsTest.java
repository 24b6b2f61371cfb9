package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.testing.OpCheck.randn;
import static dev.imgcls.kernels.testing.OpCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imgcls.kernels.testing.OpCheck;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ReduceOps;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The non-op GPU kernels against host computations of the same TF1 formulas. Each test is
 * reported SKIPPED with the reason when no usable GPU is present.
 */
class CudaTrainingKernelsTest {
    private CudaBackend cuda;
    private CudaTrainingKernels kernels;

    @BeforeEach
    void requireGpu() {
        cuda = (CudaBackend) Backends.byName(CudaBackend.NAME);
        assumeTrue(cuda.isAvailable(), "CUDA backend unavailable: " + cuda.unavailableReason());
        kernels = new CudaTrainingKernels(cuda);
    }

    @Test
    void dropoutMaskReproducesTheHostGenerator() {
        long seed = 0x1234_5678_9ABCL;
        for (long position : new long[] {0, 3, 1L << 33}) {
            int n = 10007;
            Generator gen = new Generator(seed, position);
            float keep = (float) (1.0 - 0.3);
            float[] expected = new float[n];
            for (int i = 0; i < n; i++) {
                expected[i] = (float) Math.floor(keep + gen.nextFloat());
            }
            float[] actual = kernels.dropoutMask(seed, position, 0.3, 7, 1429, 1).toFloatArray();
            assertArrayEquals(expected, actual, "mask at position " + position);
        }
    }

    @Test
    void dropoutAndDropConnectApply() {
        Tensor x = randn(1, 4, 5, 3);
        Tensor rowMask = Tensor.of(new float[] {1, 0, 1, 1}, 4, 1, 1);
        float[] y = kernels.dropoutApply(x.to(cuda), rowMask.to(cuda), 0.25).toFloatArray();
        float[] xs = x.toFloatArray();
        for (int i = 0; i < xs.length; i++) {
            assertEquals(xs[i] / 0.75f * (i / 15 == 1 ? 0f : 1f), y[i], 0f, "element " + i);
        }
    }

    @Test
    void optimizerUpdatesFollowTf1() {
        int n = 1003;
        float[] var = randn(2, n).toFloatArray();
        float[] grad = randn(3, n).toFloatArray();
        float[] slotA = uniform(4, 0.1, 1.0, n).toFloatArray();
        float[] slotB = uniform(5, 0.1, 1.0, n).toFloatArray();

        Tensor v = Tensor.of(var, n).to(cuda);
        Tensor acc = Tensor.of(slotA, n).to(cuda);
        kernels.momentumUpdate(v, acc, Tensor.of(grad, n).to(cuda), 0.1, 0.9, false);
        float[] v1 = v.toFloatArray();
        for (int i = 0; i < n; i++) {
            float a = slotA[i] * 0.9f + grad[i];
            assertEquals(var[i] - 0.1f * a, v1[i], 1e-6f, "momentum var " + i);
        }

        v = Tensor.of(var, n).to(cuda);
        Tensor m = Tensor.of(slotA, n).to(cuda);
        Tensor s = Tensor.of(slotB, n).to(cuda);
        kernels.adamUpdate(v, m, s, Tensor.of(grad, n).to(cuda), 0.01, 0.9, 0.999, 1e-8, 3);
        float[] v2 = v.toFloatArray();
        float lrT = (float) (0.01 * Math.sqrt(1 - Math.pow(0.999, 3)) / (1 - Math.pow(0.9, 3)));
        for (int i = 0; i < n; i++) {
            float mi = slotA[i] + (grad[i] - slotA[i]) * (1 - 0.9f);
            float si = slotB[i] + (grad[i] * grad[i] - slotB[i]) * (1 - 0.999f);
            assertEquals(var[i] - lrT * mi / ((float) Math.sqrt(si) + 1e-8f), v2[i], 1e-6f, "adam var " + i);
        }

        v = Tensor.of(var, n).to(cuda);
        Tensor ms = Tensor.of(slotB, n).to(cuda);
        Tensor mom = Tensor.of(slotA, n).to(cuda);
        kernels.rmspropUpdate(v, ms, mom, null, Tensor.of(grad, n).to(cuda), 0.01, 0.9, 0.5, 1e-3);
        float[] v3 = v.toFloatArray();
        for (int i = 0; i < n; i++) {
            float msi = slotB[i] + (grad[i] * grad[i] - slotB[i]) * (1 - 0.9f);
            float mo = slotA[i] * 0.5f + 0.01f * grad[i] / (float) Math.sqrt(msi + 1e-3f);
            assertEquals(var[i] - mo, v3[i], 1e-6f, "rmsprop var " + i);
        }
    }

    @Test
    void imageNormalisationPerChannel() {
        int n = 2 * 5 * 7 * 3;
        byte[] pixels = new byte[n];
        for (int i = 0; i < n; i++) {
            pixels[i] = (byte) (i * 37 + 11);
        }
        float[] mean = {123.7f, 116.3f, 103.5f};
        float[] std = {58.4f, 57.1f, 57.4f};
        float[] y = kernels.normalizeImages(Tensor.ofBytes(pixels, 2, 5, 7, 3).to(cuda), mean, std).toFloatArray();
        for (int i = 0; i < n; i++) {
            assertEquals(((pixels[i] & 0xFF) - mean[i % 3]) / std[i % 3], y[i], 1e-6f, "pixel " + i);
        }
    }

    @Test
    void biasGradientIsTheSumOverRows() {
        Tensor g = randn(6, 3, 7, 5, 37);
        Tensor expected = ReduceOps.sum(g, false, 0, 1, 2);
        OpCheck.assertClose(expected, kernels.biasGradient(g.to(cuda)).to(OpCheck.REFERENCE), 1e-5, "bias gradient");
    }

    @Test
    void crossEntropyBackwardScalesRows() {
        Tensor bp = randn(7, 5, 11);
        Tensor gl = randn(8, 5);
        Tensor expected = bp.mul(dev.imgcls.tensor.ops.ShapeOps.reshape(gl, 5, 1));
        OpCheck.assertClose(expected, kernels.softmaxCrossEntropyBackward(bp.to(cuda), gl.to(cuda)).to(OpCheck.REFERENCE), 1e-6,
                "dlogits");
    }
}
