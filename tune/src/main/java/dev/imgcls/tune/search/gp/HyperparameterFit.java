package dev.imgcls.tune.search.gp;

import java.util.SplittableRandom;

/**
 * Fits θ by maximising {@link MarginalLikelihood} (likelihood × weak prior, i.e. the MAP estimate) with Adam on the
 * logs of the hyperparameters, from the prior's mode and a few draws from the prior; the best end point wins.
 * Clamping to the bounds after each step keeps length scales and noise away from degenerate values.
 */
public final class HyperparameterFit {
    static final int RESTARTS = 4;
    static final int STEPS = 150;
    static final double LEARNING_RATE = 0.08;

    private HyperparameterFit() {
    }

    public static GpHyperparameters fit(MarginalLikelihood objective, int groups, SplittableRandom rng) {
        double[] best = GpHyperparameters.priorMean(groups);
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int restart = 0; restart < RESTARTS; restart++) {
            double[] start = restart == 0 ? GpHyperparameters.priorMean(groups)
                    : GpHyperparameters.priorSample(groups, rng);
            double[] end = ascend(objective, start);
            double value = objective.valueAndGradient(end, new double[end.length]);
            if (value > bestValue) {
                bestValue = value;
                best = end;
            }
        }
        return new GpHyperparameters(best);
    }

    /** Adam ascent; returns the best point it visited. */
    private static double[] ascend(MarginalLikelihood objective, double[] start) {
        int p = start.length;
        double[] t = start.clone();
        double[] grad = new double[p];
        double[] m = new double[p];
        double[] v = new double[p];
        double beta1 = 0.9;
        double beta2 = 0.999;
        double[] best = t.clone();
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int step = 1; step <= STEPS; step++) {
            double value = objective.valueAndGradient(t, grad);
            if (!Double.isFinite(value)) {
                break;
            }
            if (value > bestValue) {
                bestValue = value;
                best = t.clone();
            }
            double gradNorm = 0;
            for (int i = 0; i < p; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * grad[i];
                v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i];
                double mHat = m[i] / (1 - Math.pow(beta1, step));
                double vHat = v[i] / (1 - Math.pow(beta2, step));
                t[i] += LEARNING_RATE * mHat / (Math.sqrt(vHat) + 1e-8);
                gradNorm += grad[i] * grad[i];
            }
            GpHyperparameters.clamp(t);
            if (gradNorm < 1e-10) {
                break;
            }
        }
        return best;
    }
}
