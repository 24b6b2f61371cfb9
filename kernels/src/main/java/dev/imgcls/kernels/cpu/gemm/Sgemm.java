package dev.imgcls.kernels.cpu.gemm;

import dev.imgcls.kernels.cpu.VectorSupport;

/**
 * Single-precision GEMM, C (+)= op(A)·op(B), for the CPU backend: packed, cache-blocked,
 * register-blocked on the Vector API, with a plain-Java fallback of the same blocking when the
 * Vector API is off. Operands are row-major (sub-)matrices or any {@link GemmA}/{@link GemmB}
 * source, which is how convolutions run as implicit GEMMs.
 */
public final class Sgemm {
    private Sgemm() {
    }

    /** Holds the SIMD driver so its classes load only once the Vector API is known to work. */
    private static final class VectorDriver {
        static final GemmDriver DRIVER = new GemmDriver(MicroKernelChoice.vectorKernel());
    }

    private static final class ScalarDriver {
        static final GemmDriver DRIVER = new GemmDriver(ScalarMicroKernel.INSTANCE);
    }

    static GemmDriver driver() {
        return VectorSupport.enabled() ? VectorDriver.DRIVER : ScalarDriver.DRIVER;
    }

    static GemmDriver scalarDriver() {
        return ScalarDriver.DRIVER;
    }

    /**
     * C[m×n] (+)= op(A)·op(B) on strided row-major arrays: op(A) is m×k (stored k×m when
     * {@code transA}), op(B) is k×n (stored n×k when {@code transB}); {@code accumulate} adds to C
     * instead of overwriting it. {@code threads} ≤ 0 means all of the CPU pool.
     */
    public static void multiply(boolean transA, boolean transB, int m, int n, int k,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float[] c, int cOff, int ldc, boolean accumulate, int threads) {
        checkStrides(transA ? m : k, lda, "lda");
        checkStrides(transB ? k : n, ldb, "ldb");
        checkStrides(n, ldc, "ldc");
        run(m, n, 0, k, new DenseMatrix(a, aOff, lda, transA), new DenseMatrix(b, bOff, ldb, transB),
                DenseMatrix.of(c, cOff, ldc), accumulate, threads);
    }

    /** C[m×n] (+)= A·B with K = [0, k). */
    public static void run(int m, int n, int k, GemmA a, GemmB b, GemmC c, boolean accumulate, int threads) {
        run(m, n, 0, k, a, b, c, accumulate, threads);
    }

    /** C[m×n] (+)= A[:, kBegin:kEnd]·B[kBegin:kEnd, :]: one slice of a split reduction. */
    public static void run(int m, int n, int kBegin, int kEnd, GemmA a, GemmB b, GemmC c, boolean accumulate, int threads) {
        driver().run(m, n, kBegin, kEnd, a, b, c, accumulate, threads);
    }

    private static void checkStrides(int cols, int ld, String name) {
        if (ld < cols) {
            throw new IllegalArgumentException(name + " " + ld + " smaller than the row length " + cols);
        }
    }
}
