package dev.imgcls.kernels.cpu.gemm;

import dev.imgcls.kernels.cpu.VectorSupport;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The packed GEMM (SIMD and scalar drivers) against a plain triple loop. */
class SgemmTest {
    private static final int[] AWKWARD = {1, 7, 15, 17, 33, 100, 257};

    /** Operands stored with a margin of sentinel values and a padded leading dimension. */
    private record Stored(float[] data, int offset, int ld) {
        static Stored random(Random rnd, int rows, int cols, int pad) {
            int ld = cols + pad;
            int offset = 3 + pad;
            float[] d = new float[offset + rows * ld + 5];
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) rnd.nextGaussian();
            }
            return new Stored(d, offset, ld);
        }

        float get(int r, int c) {
            return data[offset + r * ld + c];
        }
    }

    /** Expected C (row-major m×n, no padding) including an initial C when accumulating. */
    private static double[] expected(boolean ta, boolean tb, int m, int n, int k, Stored a, Stored b, Stored c0, boolean accumulate) {
        double[] e = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = accumulate ? c0.get(i, j) : 0;
                for (int p = 0; p < k; p++) {
                    s += (double) (ta ? a.get(p, i) : a.get(i, p)) * (tb ? b.get(j, p) : b.get(p, j));
                }
                e[i * n + j] = s;
            }
        }
        return e;
    }

    private static void check(GemmDriver driver, boolean ta, boolean tb, int m, int n, int k, int pad,
                              boolean accumulate, int threads, long seed) {
        Random rnd = new Random(seed);
        Stored a = ta ? Stored.random(rnd, k, m, pad) : Stored.random(rnd, m, k, pad);
        Stored b = tb ? Stored.random(rnd, n, k, pad) : Stored.random(rnd, k, n, pad);
        Stored c = Stored.random(rnd, m, n, pad);
        double[] want = expected(ta, tb, m, n, k, a, b, c, accumulate);
        float[] before = c.data().clone();
        driver.run(m, n, 0, k, new DenseMatrix(a.data(), a.offset(), a.ld(), ta), new DenseMatrix(b.data(), b.offset(), b.ld(), tb),
                DenseMatrix.of(c.data(), c.offset(), c.ld()), accumulate, threads);
        String what = "m=" + m + " n=" + n + " k=" + k + " ta=" + ta + " tb=" + tb + " pad=" + pad + " acc=" + accumulate + " threads=" + threads;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double w = want[i * n + j];
                double got = c.get(i, j);
                if (Math.abs(w - got) > 1e-4 * (Math.sqrt(k) + 1) * Math.max(1, Math.abs(w))) {
                    fail(what + ": C[" + i + "][" + j + "] expected " + w + " got " + got);
                }
            }
        }
        // Nothing outside the C sub-matrix moves: the margins and the padding columns.
        for (int idx = 0; idx < before.length; idx++) {
            int rel = idx - c.offset();
            boolean inside = rel >= 0 && rel / c.ld() < m && rel % c.ld() < n;
            if (!inside) {
                assertEquals(before[idx], c.data()[idx], what + ": wrote outside C at " + idx);
            }
        }
    }

    private static void sweep(GemmDriver driver, int threads) {
        long seed = 1;
        for (int m : AWKWARD) {
            for (int n : AWKWARD) {
                for (int k : new int[] {1, 17, 100, 257}) {
                    boolean ta = (seed & 1) != 0;
                    boolean tb = (seed & 2) != 0;
                    check(driver, ta, tb, m, n, k, (int) (seed % 3), (seed & 4) != 0, threads, seed);
                    seed++;
                }
            }
        }
    }

    @Test
    void vectorDriverMatchesTripleLoopOnAwkwardSizes() {
        sweep(Sgemm.driver(), 1);
    }

    @Test
    void everyRegisterBlockingMatchesTripleLoop() {
        // Only one tile shape runs on a given CPU; check the others here too, edges and blocks alike.
        for (MicroKernel kernel : new MicroKernel[] {new TwoVectorMicroKernel(), new FourVectorMicroKernel()}) {
            GemmDriver driver = new GemmDriver(kernel);
            sweep(driver, 2);
            check(driver, false, false, 97, 65 + kernel.panelWidth(), 513, 1, true, 2, 7);
            check(driver, true, true, 200, 1030, 300, 2, false, 1, 8);
        }
    }

    @Test
    void registerBlockingFollowsVectorWidthUnlessForced() {
        int expected = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? 4 : 2;
        assertEquals(expected, MicroKernelChoice.vectors());
        String before = System.getProperty("imgcls.gemm.vectors");
        try {
            System.setProperty("imgcls.gemm.vectors", "4");
            assertEquals(4, MicroKernelChoice.vectors());
            assertEquals(4 * MicroKernelChoice.vectorKernel().lanes(), MicroKernelChoice.vectorKernel().panelWidth());
            System.setProperty("imgcls.gemm.vectors", "2");
            assertEquals(2 * MicroKernelChoice.vectorKernel().lanes(), MicroKernelChoice.vectorKernel().panelWidth());
            System.setProperty("imgcls.gemm.vectors", "3");
            IllegalStateException e = assertThrows(IllegalStateException.class, MicroKernelChoice::vectors);
            assertTrue(e.getMessage().contains("give 2"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty("imgcls.gemm.vectors");
            } else {
                System.setProperty("imgcls.gemm.vectors", before);
            }
        }
    }

    @Test
    void scalarDriverMatchesTripleLoopOnAwkwardSizes() {
        sweep(Sgemm.scalarDriver(), 1);
    }

    @Test
    void everyTransposeAndModeAcrossBlockBoundaries() {
        // Sizes crossing the MC, KC and NC blocks and the panel width, single- and multi-threaded.
        int[][] sizes = {{200, 1030, 300}, {97, 65, 513}, {3, 700, 40}, {300, 5, 600}};
        for (GemmDriver d : new GemmDriver[] {Sgemm.driver(), Sgemm.scalarDriver()}) {
            for (int[] s : sizes) {
                for (int combo = 0; combo < 8; combo++) {
                    check(d, (combo & 1) != 0, (combo & 2) != 0, s[0], s[1], s[2], combo % 2 + 1, (combo & 4) != 0, combo < 4 ? 1 : 2, combo * 31L + s[0]);
                }
            }
        }
    }

    @Test
    void publicEntryPointOverwritesAndAccumulates() {
        Random rnd = new Random(5);
        int m = 33, n = 70, k = 19;
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rnd.nextGaussian();
        }
        float[] c = new float[m * n];
        java.util.Arrays.fill(c, 123f);
        Sgemm.multiply(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false, 0);
        float[] once = c.clone();
        Sgemm.multiply(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, true, 0);
        float[] twice = new float[m * n];
        for (int i = 0; i < twice.length; i++) {
            twice[i] = 2 * once[i];
        }
        assertArrayEquals(twice, c, 1e-4f);
        assertEquals(expectedEntry(a, b, m, n, k, 5, 7), once[5 * n + 7], 1e-4);
    }

    private static double expectedEntry(float[] a, float[] b, int m, int n, int k, int i, int j) {
        double s = 0;
        for (int p = 0; p < k; p++) {
            s += (double) a[i * k + p] * b[p * n + j];
        }
        return s;
    }

    @Test
    void emptyReductionZeroesOrKeepsC() {
        float[] c = {1, 2, 3, 4};
        Sgemm.multiply(false, false, 2, 2, 0, new float[0], 0, 0, new float[0], 0, 2, c, 0, 2, true, 1);
        assertArrayEquals(new float[] {1, 2, 3, 4}, c);
        Sgemm.multiply(false, false, 2, 2, 0, new float[0], 0, 0, new float[0], 0, 2, c, 0, 2, false, 1);
        assertArrayEquals(new float[4], c);
    }

    @Test
    void scatteredOutputRows() {
        // C rows at arbitrary offsets (as a stride phase of a convolution writes them).
        Random rnd = new Random(9);
        int m = 11, n = 37, k = 23;
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rnd.nextGaussian();
        }
        int[] rowAt = new int[m];
        for (int i = 0; i < m; i++) {
            rowAt[i] = (m - 1 - i) * 2 * n + 1;
        }
        float[] out = new float[2 * m * n + 2];
        GemmC scattered = new GemmC() {
            @Override
            public float[] array() {
                return out;
            }

            @Override
            public int rowOffset(int row) {
                return rowAt[row];
            }
        };
        Sgemm.run(m, n, k, DenseMatrix.of(a, 0, k), DenseMatrix.of(b, 0, n), scattered, false, 2);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(expectedEntry(a, b, m, n, k, i, j), out[rowAt[i] + j], 1e-4);
            }
        }
    }

    @Test
    void rejectsBadStrides() {
        assertThrows(IllegalArgumentException.class,
                () -> Sgemm.multiply(false, false, 2, 3, 4, new float[8], 0, 3, new float[12], 0, 3, new float[6], 0, 3, false, 1));
    }

    @Test
    void simdPathIsActiveUnderTests() {
        // The surefire JVM loads the Vector API module, so the fast path is the one tested above.
        assertTrue(VectorSupport.enabled(), VectorSupport.describe());
    }
}
