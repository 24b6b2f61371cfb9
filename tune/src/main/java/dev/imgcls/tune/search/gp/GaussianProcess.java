package dev.imgcls.tune.search.gp;

import java.util.ArrayList;
import java.util.List;

/**
 * The posterior of a zero-mean GP (Matérn 5/2 + noise) given observations: mean μ(x) = k(x)ᵀα and latent
 * variance σ²(x) = a − k(x)ᵀK⁻¹k(x), with α = K⁻¹y.
 */
public final class GaussianProcess {
    private final double[][] x;
    private final double[] y;
    private final GpHyperparameters hyper;
    private final int[] groupOfColumn;
    private final double amplitude;
    private final double[] lengths;
    private final Cholesky chol;
    private final double[] alpha;

    public GaussianProcess(double[][] x, double[] y, GpHyperparameters hyper, int[] groupOfColumn) {
        this.x = x.clone();
        this.y = y.clone();
        this.hyper = hyper;
        this.groupOfColumn = groupOfColumn.clone();
        this.amplitude = hyper.amplitude();
        this.lengths = hyper.lengthScales();
        int n = x.length;
        double[][] k = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b <= a; b++) {
                k[a][b] = Matern52.kernel(x[a], x[b], groupOfColumn, amplitude, lengths);
                k[b][a] = k[a][b];
            }
            k[a][a] += hyper.noise() + MarginalLikelihood.JITTER;
        }
        Cholesky c = Cholesky.factor(k);
        // The noise term makes K positive definite in exact arithmetic; if round-off still defeats the
        // factorisation (near-duplicate points, tiny noise), more diagonal weight is the standard remedy.
        for (double extra = 1e-8; c == null && extra < 1; extra *= 10) {
            for (int a = 0; a < n; a++) {
                k[a][a] += extra;
            }
            c = Cholesky.factor(k);
        }
        if (c == null) {
            throw new IllegalStateException("GP covariance is not positive definite even with added jitter");
        }
        this.chol = c;
        this.alpha = chol.solve(y);
    }

    public double mean(double[] point) {
        double[] k = kernelVector(point);
        double m = 0;
        for (int i = 0; i < k.length; i++) {
            m += k[i] * alpha[i];
        }
        return m;
    }

    /** Variance of the latent function at {@code point} (without observation noise), never negative. */
    public double variance(double[] point) {
        double[] v = chol.solveLower(kernelVector(point));
        double s = 0;
        for (double vi : v) {
            s += vi * vi;
        }
        return Math.max(0, amplitude - s);
    }

    public double stddev(double[] point) {
        return Math.sqrt(variance(point));
    }

    /**
     * The same GP after "believing" that each pending point will be observed at the current posterior mean
     * (kriging believer): the mean is unchanged, the variance shrinks around the pending points, so a batch
     * spreads out instead of suggesting one point several times.
     */
    public GaussianProcess withPending(List<double[]> pending) {
        if (pending.isEmpty()) {
            return this;
        }
        List<double[]> xs = new ArrayList<>(List.of(x));
        double[] ys = new double[x.length + pending.size()];
        System.arraycopy(y, 0, ys, 0, y.length);
        for (int i = 0; i < pending.size(); i++) {
            xs.add(pending.get(i));
            ys[y.length + i] = mean(pending.get(i));
        }
        return new GaussianProcess(xs.toArray(new double[0][]), ys, hyper, groupOfColumn);
    }

    private double[] kernelVector(double[] point) {
        double[] k = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            k[i] = Matern52.kernel(point, x[i], groupOfColumn, amplitude, lengths);
        }
        return k;
    }
}
