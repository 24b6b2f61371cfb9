package dev.imgcls.tune.search.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GaussianProcessTest {
    private static final int[] ONE_GROUP = {0};
    private static final GpHyperparameters SMOOTH_LOW_NOISE =
            new GpHyperparameters(new double[] {0, Math.log(0.3), Math.log(1e-6)});

    @Test
    void nearlyInterpolatesLowNoiseDataAndIsUnsureFarFromIt() {
        double[][] x = {{0.1}, {0.4}, {0.9}};
        double[] y = {1, -0.5, 0.3};
        GaussianProcess gp = new GaussianProcess(x, y, SMOOTH_LOW_NOISE, ONE_GROUP);
        for (int i = 0; i < x.length; i++) {
            assertEquals(y[i], gp.mean(x[i]), 1e-3);
            assertTrue(gp.variance(x[i]) < 1e-4);
        }
        GaussianProcess far = new GaussianProcess(new double[][] {{0}}, new double[] {1}, SMOOTH_LOW_NOISE, ONE_GROUP);
        assertTrue(far.variance(new double[] {1}) > 0.9, "one length scale away... three of them: prior variance");
        assertEquals(0, far.mean(new double[] {1}), 0.05);
    }

    @Test
    void matchesTheClosedFormForOnePoint() {
        // With one observation y at x0: mean(x) = k(x, x0) y / (a + noise), var(x) = a - k² / (a + noise).
        GpHyperparameters h = new GpHyperparameters(new double[] {Math.log(2), Math.log(0.5), Math.log(0.1)});
        GaussianProcess gp = new GaussianProcess(new double[][] {{0.2}}, new double[] {1.5}, h, ONE_GROUP);
        double k = Matern52Test.HAND_COMPUTED; // k(0.6, 0.2) with a = 2, ℓ = 0.5, worked out by hand
        double denominator = 2 + 0.1 + MarginalLikelihood.JITTER;
        // 1e-10: the hand-computed k has ten decimals.
        assertEquals(k * 1.5 / denominator, gp.mean(new double[] {0.6}), 1e-10);
        assertEquals(2 - k * k / denominator, gp.variance(new double[] {0.6}), 1e-10);
    }

    @Test
    void pendingPointsShrinkTheVarianceAroundThemAndLeaveTheMeanAlone() {
        double[][] x = {{0.1}, {0.9}};
        double[] y = {0.2, 0.8};
        GaussianProcess gp = new GaussianProcess(x, y, SMOOTH_LOW_NOISE, ONE_GROUP);
        double[] pending = {0.5};
        GaussianProcess believer = gp.withPending(List.of(pending));
        assertTrue(believer.variance(pending) < 1e-4);
        assertTrue(gp.variance(pending) > 0.1);
        for (double p = 0; p <= 1; p += 0.125) {
            assertEquals(gp.mean(new double[] {p}), believer.mean(new double[] {p}), 1e-6);
            assertTrue(believer.variance(new double[] {p}) <= gp.variance(new double[] {p}) + 1e-12);
        }
    }
}
