package dev.imgcls.kernels.cpu.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The edge tiles every Vector API micro-kernel shares (four rows or one row by one vector of
 * columns), for any panel width; the full-width tile is the subclass's register blocking.
 */
abstract class VectorEdgeKernels implements MicroKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Floats per k step of a packed B panel. */
    private final int nr;

    VectorEdgeKernels(int panelWidth) {
        this.nr = panelWidth;
    }

    @Override
    public final int lanes() {
        return L;
    }

    @Override
    public final int panelWidth() {
        return nr;
    }

    @Override
    public final void narrow(int kc, float[] a, int a0, int a1, int a2, int a3, float[] b, int bOff,
                       float[] c, int c0, int c1, int c2, int c3, boolean load) {
        FloatVector c0v, c1v, c2v, c3v;
        if (load) {
            c0v = FloatVector.fromArray(S, c, c0);
            c1v = FloatVector.fromArray(S, c, c1);
            c2v = FloatVector.fromArray(S, c, c2);
            c3v = FloatVector.fromArray(S, c, c3);
        } else {
            c0v = FloatVector.zero(S);
            c1v = c0v;
            c2v = c0v;
            c3v = c0v;
        }
        for (int p = 0; p < kc; p++) {
            FloatVector bv = FloatVector.fromArray(S, b, bOff + p * nr);
            c0v = FloatVector.broadcast(S, a[a0 + p]).fma(bv, c0v);
            c1v = FloatVector.broadcast(S, a[a1 + p]).fma(bv, c1v);
            c2v = FloatVector.broadcast(S, a[a2 + p]).fma(bv, c2v);
            c3v = FloatVector.broadcast(S, a[a3 + p]).fma(bv, c3v);
        }
        c0v.intoArray(c, c0);
        c1v.intoArray(c, c1);
        c2v.intoArray(c, c2);
        c3v.intoArray(c, c3);
    }

    @Override
    public final void single(int kc, float[] a, int a0, float[] b, int bOff, float[] c, int c0, boolean load) {
        // Two accumulators over alternating k hide the FMA latency of a single dependency chain.
        FloatVector even = load ? FloatVector.fromArray(S, c, c0) : FloatVector.zero(S);
        FloatVector odd = FloatVector.zero(S);
        int p = 0;
        for (; p + 1 < kc; p += 2) {
            even = FloatVector.broadcast(S, a[a0 + p]).fma(FloatVector.fromArray(S, b, bOff + p * nr), even);
            odd = FloatVector.broadcast(S, a[a0 + p + 1]).fma(FloatVector.fromArray(S, b, bOff + (p + 1) * nr), odd);
        }
        if (p < kc) {
            even = FloatVector.broadcast(S, a[a0 + p]).fma(FloatVector.fromArray(S, b, bOff + p * nr), even);
        }
        even.add(odd).intoArray(c, c0);
    }
}
