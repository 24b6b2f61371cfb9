package dev.imgcls.tune.search.gp;

/**
 * The Matérn 5/2 kernel with one length scale per group of feature columns (ARD; a categorical parameter's
 * one-hot columns share one group, which makes its part of the distance a scaled Hamming distance):
 * k(x, x') = a (1 + √5 r + 5r²/3) exp(−√5 r), r² = Σ_g s_g / ℓ_g², s_g = Σ_{c in g} (x_c − x'_c)².
 * Twice differentiable, so the GP is smooth without being as over-confident as the squared exponential.
 */
public final class Matern52 {
    private static final double SQRT5 = Math.sqrt(5);

    private Matern52() {
    }

    /** Per-group squared differences s_g of two feature vectors. */
    public static double[] groupSquaredDistances(double[] x, double[] y, int[] groupOfColumn, int groups) {
        double[] s = new double[groups];
        for (int c = 0; c < x.length; c++) {
            double d = x[c] - y[c];
            s[groupOfColumn[c]] += d * d;
        }
        return s;
    }

    /** The scaled distance r for given per-group squared differences and length scales. */
    public static double distance(double[] groupSquared, double[] lengthScales) {
        double r2 = 0;
        for (int g = 0; g < groupSquared.length; g++) {
            r2 += groupSquared[g] / (lengthScales[g] * lengthScales[g]);
        }
        return Math.sqrt(r2);
    }

    /** The kernel's shape at distance r, with amplitude 1. */
    public static double shape(double r) {
        double sr = SQRT5 * r;
        return (1 + sr + sr * sr / 3) * Math.exp(-sr);
    }

    /**
     * d shape / d log ℓ_g divided by (s_g / ℓ_g²): the common factor (5/3)(1 + √5 r) exp(−√5 r). Multiplying it by
     * s_g / ℓ_g² gives the derivative with respect to one group's log length scale; no division by r is needed.
     */
    public static double lengthDerivativeFactor(double r) {
        double sr = SQRT5 * r;
        return (5.0 / 3.0) * (1 + sr) * Math.exp(-sr);
    }

    /** The full kernel between two feature vectors. */
    public static double kernel(double[] x, double[] y, int[] groupOfColumn, double amplitude, double[] lengthScales) {
        double r2 = 0;
        for (int c = 0; c < x.length; c++) {
            double d = (x[c] - y[c]) / lengthScales[groupOfColumn[c]];
            r2 += d * d;
        }
        return amplitude * shape(Math.sqrt(r2));
    }
}
