package dev.imgcls.tune.search.gp;

/**
 * The Cholesky factor L (lower triangular, A = L Lᵀ) of a symmetric positive-definite matrix, and the solves
 * that a Gaussian process needs. Plain double loops: the matrices are trials x trials, at most a few hundred.
 */
public final class Cholesky {
    private final double[][] l;

    private Cholesky(double[][] l) {
        this.l = l;
    }

    /** Factors {@code a} (only its lower triangle is read); null when it is not positive definite. */
    public static Cholesky factor(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                double[] li = l[i];
                double[] lj = l[j];
                for (int k = 0; k < j; k++) {
                    s -= li[k] * lj[k];
                }
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
                        return null;
                    }
                    li[i] = Math.sqrt(s);
                } else {
                    li[j] = s / lj[j];
                }
            }
        }
        return new Cholesky(l);
    }

    public int size() {
        return l.length;
    }

    /** log det A = 2 Σ log L_ii. */
    public double logDeterminant() {
        double s = 0;
        for (int i = 0; i < l.length; i++) {
            s += Math.log(l[i][i]);
        }
        return 2 * s;
    }

    /** Solves L z = b. */
    public double[] solveLower(double[] b) {
        int n = l.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            double[] li = l[i];
            for (int k = 0; k < i; k++) {
                s -= li[k] * z[k];
            }
            z[i] = s / li[i];
        }
        return z;
    }

    /** Solves Lᵀ x = z. */
    public double[] solveUpper(double[] z) {
        int n = l.length;
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** Solves A x = b. */
    public double[] solve(double[] b) {
        return solveUpper(solveLower(b));
    }

    /** A⁻¹, from L⁻¹ (A⁻¹ = L⁻ᵀ L⁻¹). */
    public double[][] inverse() {
        int n = l.length;
        double[][] linv = new double[n][n];
        for (int col = 0; col < n; col++) {
            // Column col of L⁻¹ solves L z = e_col; it is zero above the diagonal.
            linv[col][col] = 1 / l[col][col];
            for (int i = col + 1; i < n; i++) {
                double s = 0;
                double[] li = l[i];
                for (int k = col; k < i; k++) {
                    s -= li[k] * linv[k][col];
                }
                linv[i][col] = s / li[i];
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = i; k < n; k++) {
                    s += linv[k][i] * linv[k][j];
                }
                inv[i][j] = s;
                inv[j][i] = s;
            }
        }
        return inv;
    }
}
