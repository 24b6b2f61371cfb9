package dev.imgcls.tune.search.gp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CholeskyTest {

    /** A random symmetric positive-definite matrix B Bᵀ + n I. */
    static double[][] randomSpd(int n, SplittableRandom rng) {
        double[][] b = new double[n][n];
        for (double[] row : b) {
            for (int j = 0; j < n; j++) {
                row[j] = rng.nextDouble(-1, 1);
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += b[i][k] * b[j][k];
                }
            }
            a[i][i] += n;
        }
        return a;
    }

    static double[] times(double[][] a, double[] x) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < x.length; j++) {
                y[i] += a[i][j] * x[j];
            }
        }
        return y;
    }

    @Test
    void solvesAndInvertsRandomSpdMatrices() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int n : new int[] {1, 2, 7, 23}) {
            double[][] a = randomSpd(n, rng);
            Cholesky c = Cholesky.factor(a);
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                b[i] = rng.nextDouble(-2, 2);
            }
            assertArrayEquals(b, times(a, c.solve(b)), 1e-10, "A (A⁻¹ b) = b for n=" + n);
            double[][] inv = c.inverse();
            for (int i = 0; i < n; i++) {
                double[] e = new double[n];
                e[i] = 1;
                assertArrayEquals(e, times(a, inv[i]), 1e-10, "A A⁻¹ = I, column " + i);
            }
        }
    }

    @Test
    void logDeterminantMatchesATwoByTwoByHand() {
        double[][] a = {{4, 2}, {2, 3}};
        assertEquals(Math.log(4 * 3 - 2 * 2), Cholesky.factor(a).logDeterminant(), 1e-12);
    }

    @Test
    void refusesMatricesThatAreNotPositiveDefinite() {
        assertNull(Cholesky.factor(new double[][] {{1, 2}, {2, 1}}));
        assertNull(Cholesky.factor(new double[][] {{0}}));
        assertNull(Cholesky.factor(new double[][] {{Double.NaN}}));
    }
}
