package dev.imgcls.kernels.cpu.gemm;

/**
 * The same tiles in plain Java, for JVMs without the Vector API. Eight-float "vectors" keep the
 * packed layout identical to the SIMD path; the inner loops over columns are simple enough for
 * C2's auto-vectoriser.
 */
final class ScalarMicroKernel implements MicroKernel {
    static final ScalarMicroKernel INSTANCE = new ScalarMicroKernel();
    private static final int L = 8;
    private static final int NR = VECTORS * L;

    private ScalarMicroKernel() {
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public void full(int kc, float[] a, int a0, int a1, int a2, int a3, float[] b, int bOff,
                     float[] c, int c0, int c1, int c2, int c3, boolean load) {
        rows(kc, new int[] {a0, a1, a2, a3}, a, b, bOff, NR, c, new int[] {c0, c1, c2, c3}, load);
    }

    @Override
    public void narrow(int kc, float[] a, int a0, int a1, int a2, int a3, float[] b, int bOff,
                       float[] c, int c0, int c1, int c2, int c3, boolean load) {
        rows(kc, new int[] {a0, a1, a2, a3}, a, b, bOff, L, c, new int[] {c0, c1, c2, c3}, load);
    }

    @Override
    public void single(int kc, float[] a, int a0, float[] b, int bOff, float[] c, int c0, boolean load) {
        rows(kc, new int[] {a0}, a, b, bOff, L, c, new int[] {c0}, load);
    }

    /** C[row r][0..width) (+)= Σ_p A[r][p]·Bpanel[p][0..width), accumulated in a local tile. */
    private static void rows(int kc, int[] aRows, float[] a, float[] b, int bOff, int width,
                             float[] c, int[] cRows, boolean load) {
        float[] acc = new float[width];
        for (int r = 0; r < aRows.length; r++) {
            if (load) {
                System.arraycopy(c, cRows[r], acc, 0, width);
            } else {
                java.util.Arrays.fill(acc, 0f);
            }
            int ar = aRows[r];
            for (int p = 0; p < kc; p++) {
                float av = a[ar + p];
                int q = bOff + p * NR;
                for (int j = 0; j < width; j++) {
                    acc[j] += av * b[q + j];
                }
            }
            System.arraycopy(acc, 0, c, cRows[r], width);
        }
    }
}
