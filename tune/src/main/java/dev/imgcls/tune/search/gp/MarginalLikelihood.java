package dev.imgcls.tune.search.gp;

/**
 * The log marginal likelihood of the observations under a zero-mean GP with the Matérn 5/2 kernel plus noise,
 * plus the hyperparameters' log prior, and its gradient with respect to θ (see {@link GpHyperparameters}):
 * log p(y | θ) = −½ yᵀK⁻¹y − ½ log det K − (n/2) log 2π, and
 * ∂/∂θ_j = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ_j) with α = K⁻¹y.
 */
public final class MarginalLikelihood {
    /** Keeps K numerically positive definite when noise is at its lower bound and two points coincide. */
    static final double JITTER = 1e-9;

    private final double[] y;
    private final int groups;
    /** Per-pair, per-group squared distances: they do not depend on θ, so they are computed once per fit. */
    private final double[][][] groupSquared;

    public MarginalLikelihood(double[][] x, double[] y, int[] groupOfColumn, int groups) {
        this.y = y.clone();
        this.groups = groups;
        int n = x.length;
        groupSquared = new double[n][n][];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b <= a; b++) {
                groupSquared[a][b] = Matern52.groupSquaredDistances(x[a], x[b], groupOfColumn, groups);
                groupSquared[b][a] = groupSquared[a][b];
            }
        }
    }

    public int parameterCount() {
        return GpHyperparameters.size(groups);
    }

    /** log p(y | θ) + log prior(θ); writes the gradient into {@code grad}. −∞ when K is not positive definite. */
    public double valueAndGradient(double[] theta, double[] grad) {
        java.util.Arrays.fill(grad, 0);
        GpHyperparameters h = new GpHyperparameters(theta);
        double amplitude = h.amplitude();
        double[] lengths = h.lengthScales();
        double noise = h.noise();
        int n = y.length;
        double[][] r = new double[n][n];
        double[][] k = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b <= a; b++) {
                r[a][b] = Matern52.distance(groupSquared[a][b], lengths);
                k[a][b] = amplitude * Matern52.shape(r[a][b]);
                k[b][a] = k[a][b];
            }
            k[a][a] += noise + JITTER;
        }
        Cholesky chol = Cholesky.factor(k);
        if (chol == null) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] alpha = chol.solve(y);
        double fit = 0;
        for (int i = 0; i < n; i++) {
            fit += y[i] * alpha[i];
        }
        double logLikelihood = -0.5 * fit - 0.5 * chol.logDeterminant() - 0.5 * n * Math.log(2 * Math.PI);
        double[][] kInverse = chol.inverse();
        for (int a = 0; a < n; a++) {
            for (int b = 0; b <= a; b++) {
                double w = alpha[a] * alpha[b] - kInverse[a][b];
                double weight = a == b ? 0.5 : 1.0; // off-diagonal pairs count twice in the trace
                double shape = Matern52.shape(r[a][b]);
                grad[0] += weight * w * amplitude * shape;
                double factor = amplitude * Matern52.lengthDerivativeFactor(r[a][b]);
                double[] s = groupSquared[a][b];
                for (int g = 0; g < groups; g++) {
                    grad[1 + g] += weight * w * factor * s[g] / (lengths[g] * lengths[g]);
                }
                if (a == b) {
                    grad[groups + 1] += weight * w * noise;
                }
            }
        }
        return logLikelihood + GpHyperparameters.logPrior(theta, grad);
    }
}
