package dev.imgcls.kernels.ops;

import dev.imgcls.kernels.testing.BackendUnderTest;
import dev.imgcls.kernels.testing.EveryBackend;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.RegularizationOps;
import org.junit.jupiter.api.Test;

import static dev.imgcls.kernels.testing.OpCheck.assertClose;
import static dev.imgcls.kernels.testing.OpCheck.compareBackendsWithGrad;
import static dev.imgcls.kernels.testing.OpCheck.gradCheck;
import static dev.imgcls.kernels.testing.OpCheck.randn;
import static dev.imgcls.kernels.testing.OpCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegularizationOpsTest {
    @Test
    void identityWhenNotTrainingOrRateZero() {
        Tensor x = randn(1, 4, 5);
        Generator gen = new Generator(3);
        assertSame(x, RegularizationOps.dropout(x, 0.5, gen, false));
        assertSame(x, RegularizationOps.dropout(x, 0, gen, true));
        assertSame(x, RegularizationOps.dropConnect(x, 0.5, gen, false));
        assertSame(x, RegularizationOps.dropConnect(x, 0, gen, true));
        assertEquals(0, gen.position(), "no random numbers are drawn when nothing is dropped");
    }

    @Test
    void dropoutIsXOverKeepTimesFloorOfKeepPlusUniform() {
        Tensor x = uniform(2, 1, 2, 64, 33);
        float keep = 0.7f;
        Generator gen = new Generator(5);
        float[] y = RegularizationOps.dropout(x, 0.3, gen, true).toFloatArray();
        assertEquals(x.numel(), gen.position(), "one draw per element");

        Generator replay = new Generator(5);
        float[] xs = x.toFloatArray();
        int kept = 0;
        for (int i = 0; i < xs.length; i++) {
            float mask = (float) Math.floor(keep + replay.nextFloat());
            assertEquals(xs[i] / keep * mask, y[i], 0f, "element " + i);
            kept += (int) mask;
        }
        double fraction = (double) kept / xs.length;
        assertTrue(Math.abs(fraction - keep) < 0.04, "kept fraction " + fraction);
        assertArrayEquals(y, RegularizationOps.dropout(x, 0.3, new Generator(5), true).toFloatArray(), "same seed, same mask");
    }

    @Test
    void dropConnectDropsWholeSamples() {
        Tensor x = uniform(6, 1, 2, 5, 3, 4, 2);
        float keep = 0.6f;
        Generator gen = new Generator(11);
        float[] y = RegularizationOps.dropConnect(x, 0.4, gen, true).toFloatArray();
        assertEquals(5, gen.position(), "one draw per batch row");

        Generator replay = new Generator(11);
        float[] xs = x.toFloatArray();
        int perSample = 3 * 4 * 2;
        for (int n = 0; n < 5; n++) {
            float mask = (float) Math.floor(keep + replay.nextFloat());
            for (int i = n * perSample; i < (n + 1) * perSample; i++) {
                assertEquals(xs[i] / keep * mask, y[i], 0f, "sample " + n + " element " + i);
            }
        }
    }

    @Test
    void batchSlicesDrawTheirRowsOfTheWholeBatchMask() {
        Tensor x = Tensor.ones(6, 5);
        float[] whole = RegularizationOps.dropout(x, 0.5, new Generator(31), true).toFloatArray();
        float[] connect = RegularizationOps.dropConnect(x, 0.5, new Generator(32), true).toFloatArray();
        for (int rank = 0; rank < 3; rank++) {
            Tensor rows = Tensor.ones(2, 5);
            Generator gen = new Generator(31).forBatchSlice(rank, 3);
            float[] part = RegularizationOps.dropout(rows, 0.5, gen, true).toFloatArray();
            assertEquals(30, gen.position(), "a slice passes over the whole batch's draws");
            assertArrayEquals(java.util.Arrays.copyOfRange(whole, rank * 10, rank * 10 + 10), part, "dropout rows of slice " + rank);
            float[] partConnect = RegularizationOps.dropConnect(rows, 0.5, new Generator(32).forBatchSlice(rank, 3), true).toFloatArray();
            assertArrayEquals(java.util.Arrays.copyOfRange(connect, rank * 10, rank * 10 + 10), partConnect, "drop-connect rows of slice " + rank);
        }
    }

    @Test
    void dropConnectFormulaOnAKnownDraw() {
        // With keep = 0.75 a draw u keeps the sample iff 0.75 + u ≥ 1, i.e. u ≥ 0.25.
        Generator probe = new Generator(21);
        float u0 = probe.nextFloat();
        float u1 = probe.nextFloat();
        Tensor x = Tensor.of(new float[] {3, 6}, 2, 1);
        float[] y = RegularizationOps.dropConnect(x, 0.25, new Generator(21), true).toFloatArray();
        assertEquals(u0 >= 0.25f ? 4f : 0f, y[0], 0f);
        assertEquals(u1 >= 0.25f ? 8f : 0f, y[1], 0f);
    }

    @Test
    void gradientIsTheScaledMask() {
        Tensor x = randn(7, 3, 4, 5).requiresGrad(true);
        Tensor y = RegularizationOps.dropout(x, 0.5, new Generator(8), true);
        y.sum().backward();
        float[] g = x.grad().toFloatArray();
        float[] ys = y.toFloatArray();
        float[] xs = x.toFloatArray();
        for (int i = 0; i < g.length; i++) {
            assertEquals(ys[i] / xs[i], g[i], 1e-5f, "element " + i);
        }
        gradCheck(t -> RegularizationOps.dropout(t[0], 0.3, new Generator(9), true), randn(10, 4, 6));
        gradCheck(t -> RegularizationOps.dropConnect(t[0], 0.5, new Generator(11), true), randn(12, 4, 3, 3, 2));

    }

    @EveryBackend
    void dropConnectMatchesReference(BackendUnderTest backend) {
        compareBackendsWithGrad(backend, t -> RegularizationOps.dropConnect(t[0], 0.2, new Generator(13), true), 1e-6, randn(14, 3, 5, 5, 17));
    }

    @Test
    void float64InputsGetFloat64Masks() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 4);
        Tensor y = RegularizationOps.dropout(x, 0.5, new Generator(15), true);
        assertEquals(x.dtype(), y.dtype());
        assertClose(RegularizationOps.dropout(x, 0.5, new Generator(15), true), y, 0, "reproducible");
    }

    @Test
    void badRatesAreRejected() {
        Tensor x = randn(16, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> RegularizationOps.dropout(x, 1.0, new Generator(1), true));
        assertThrows(IllegalArgumentException.class, () -> RegularizationOps.dropout(x, -0.1, new Generator(1), true));
        assertThrows(IllegalArgumentException.class, () -> RegularizationOps.dropConnect(x, Double.NaN, new Generator(1), false));
    }
}
