package dev.imgcls.kernels.cpu.gemm;

import java.util.Arrays;

/**
 * The same tiles in plain Java, for JVMs without the Vector API: eight-float "vectors" (panels of
 * 32 columns) under the same blocking as the SIMD path; C is updated in place one row at a time.
 */
final class ScalarMicroKernel implements MicroKernel {
    static final ScalarMicroKernel INSTANCE = new ScalarMicroKernel();
    private static final int L = 8;
    private static final int NR = 4 * L;

    private ScalarMicroKernel() {
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public int panelWidth() {
        return NR;
    }

    @Override
    public void full(int kc, float[] a, int a0, int a1, int a2, int a3, float[] b, int bOff,
                     float[] c, int c0, int c1, int c2, int c3, boolean load) {
        row(kc, a, a0, b, bOff, NR, c, c0, load);
        row(kc, a, a1, b, bOff, NR, c, c1, load);
        row(kc, a, a2, b, bOff, NR, c, c2, load);
        row(kc, a, a3, b, bOff, NR, c, c3, load);
    }

    @Override
    public void narrow(int kc, float[] a, int a0, int a1, int a2, int a3, float[] b, int bOff,
                       float[] c, int c0, int c1, int c2, int c3, boolean load) {
        row(kc, a, a0, b, bOff, L, c, c0, load);
        row(kc, a, a1, b, bOff, L, c, c1, load);
        row(kc, a, a2, b, bOff, L, c, c2, load);
        row(kc, a, a3, b, bOff, L, c, c3, load);
    }

    @Override
    public void single(int kc, float[] a, int a0, float[] b, int bOff, float[] c, int c0, boolean load) {
        row(kc, a, a0, b, bOff, L, c, c0, load);
    }

    /** C[ar's row][0..width) (+)= Σ_p A[row][p]·Bpanel[p][0..width). */
    private static void row(int kc, float[] a, int ar, float[] b, int bOff, int width, float[] c, int cr, boolean load) {
        if (!load) {
            Arrays.fill(c, cr, cr + width, 0f);
        }
        for (int p = 0; p < kc; p++) {
            float av = a[ar + p];
            int q = bOff + p * NR;
            for (int j = 0; j < width; j++) {
                c[cr + j] += av * b[q + j];
            }
        }
    }
}
