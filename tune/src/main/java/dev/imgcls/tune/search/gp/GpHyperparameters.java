package dev.imgcls.tune.search.gp;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The GP's hyperparameters as one vector of logs, θ = [log a, log ℓ_1 … log ℓ_G, log σ²_noise], with the weak
 * log-normal prior and the bounds used while fitting them. The outputs are standardised (mean 0, variance 1) and
 * inputs live in [0, 1], so the same prior suits every study: amplitude about 1, length scales about half the
 * range, small noise. The prior keeps the fit sane with the handful of points a study has early on.
 */
public record GpHyperparameters(double[] theta) {
    static final double AMPLITUDE_MEAN = 0;
    static final double AMPLITUDE_SD = 1;
    static final double LENGTH_MEAN = Math.log(0.5);
    static final double LENGTH_SD = 1;
    static final double NOISE_MEAN = Math.log(1e-2);
    static final double NOISE_SD = 2;
    static final double[] AMPLITUDE_BOUNDS = {Math.log(1e-2), Math.log(1e2)};
    static final double[] LENGTH_BOUNDS = {Math.log(2e-2), Math.log(20)};
    static final double[] NOISE_BOUNDS = {Math.log(1e-6), Math.log(2)};

    public GpHyperparameters {
        theta = theta.clone();
    }

    public static int size(int groups) {
        return groups + 2;
    }

    public int groups() {
        return theta.length - 2;
    }

    public double amplitude() {
        return Math.exp(theta[0]);
    }

    public double[] lengthScales() {
        double[] l = new double[groups()];
        for (int g = 0; g < l.length; g++) {
            l[g] = Math.exp(theta[1 + g]);
        }
        return l;
    }

    public double noise() {
        return Math.exp(theta[theta.length - 1]);
    }

    /** The prior's mode: where the fit starts its first restart. */
    public static double[] priorMean(int groups) {
        double[] t = new double[size(groups)];
        t[0] = AMPLITUDE_MEAN;
        Arrays.fill(t, 1, 1 + groups, LENGTH_MEAN);
        t[t.length - 1] = NOISE_MEAN;
        return t;
    }

    /** A draw from the prior, clamped to the bounds: the start of a further restart. */
    public static double[] priorSample(int groups, SplittableRandom rng) {
        double[] t = priorMean(groups);
        for (int i = 0; i < t.length; i++) {
            t[i] += sd(i, t.length) * gaussian(rng);
        }
        clamp(t);
        return t;
    }

    /** log prior density (up to a constant), adding its gradient to {@code grad}. */
    static double logPrior(double[] t, double[] grad) {
        double lp = 0;
        for (int i = 0; i < t.length; i++) {
            double mean = mean(i, t.length);
            double sd = sd(i, t.length);
            double z = (t[i] - mean) / sd;
            lp -= 0.5 * z * z;
            grad[i] -= z / sd;
        }
        return lp;
    }

    /** Moves every component inside its bounds. */
    static void clamp(double[] t) {
        for (int i = 0; i < t.length; i++) {
            double[] b = bounds(i, t.length);
            t[i] = Math.max(b[0], Math.min(b[1], t[i]));
        }
    }

    private static double mean(int i, int n) {
        return i == 0 ? AMPLITUDE_MEAN : (i == n - 1 ? NOISE_MEAN : LENGTH_MEAN);
    }

    private static double sd(int i, int n) {
        return i == 0 ? AMPLITUDE_SD : (i == n - 1 ? NOISE_SD : LENGTH_SD);
    }

    private static double[] bounds(int i, int n) {
        return i == 0 ? AMPLITUDE_BOUNDS : (i == n - 1 ? NOISE_BOUNDS : LENGTH_BOUNDS);
    }

    static double gaussian(SplittableRandom rng) {
        // Box–Muller; SplittableRandom has no nextGaussian on Java 17.
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
