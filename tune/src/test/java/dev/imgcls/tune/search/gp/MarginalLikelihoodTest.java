package dev.imgcls.tune.search.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MarginalLikelihoodTest {

    @Test
    void gradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(3);
        int[] groups = {0, 1, 1, 2};
        for (int trial = 0; trial < 5; trial++) {
            int n = 4 + trial * 3;
            double[][] x = new double[n][4];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 4; c++) {
                    x[i][c] = rng.nextDouble();
                }
                y[i] = rng.nextDouble(-1.5, 1.5);
            }
            MarginalLikelihood ml = new MarginalLikelihood(x, y, groups, 3);
            double[] theta = GpHyperparameters.priorSample(3, rng);
            double[] grad = new double[theta.length];
            ml.valueAndGradient(theta, grad);
            for (int j = 0; j < theta.length; j++) {
                double h = 1e-5;
                double[] plus = theta.clone();
                double[] minus = theta.clone();
                plus[j] += h;
                minus[j] -= h;
                double numeric = (ml.valueAndGradient(plus, new double[theta.length])
                        - ml.valueAndGradient(minus, new double[theta.length])) / (2 * h);
                assertEquals(numeric, grad[j], 1e-5 * Math.max(1, Math.abs(numeric)),
                        "component " + j + " with n=" + n);
            }
        }
    }

    @Test
    void fittedLengthScaleIgnoresAnIrrelevantInput() {
        // y depends on column 0 only: the fit should give column 1 a much longer length scale.
        SplittableRandom rng = new SplittableRandom(5);
        int n = 25;
        double[][] x = new double[n][2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = rng.nextDouble();
            x[i][1] = rng.nextDouble();
            y[i] = Math.sin(6 * x[i][0]);
        }
        GpHyperparameters h = HyperparameterFit.fit(new MarginalLikelihood(x, y, new int[] {0, 1}, 2), 2, rng);
        double[] l = h.lengthScales();
        assertTrue(l[1] > 3 * l[0], "relevant " + l[0] + " vs irrelevant " + l[1]);
        assertTrue(h.noise() < 0.05, "noise-free data fitted with noise " + h.noise());
    }
}
