package dev.imgcls.kernels.cpu.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 4×(4 vectors) tile for CPUs with 32 vector registers (AVX-512): its 16 accumulators stay
 * in registers for the whole K loop; each step loads four B vectors and broadcasts one A value
 * per row (16 FMAs for 8 loads). Loaded only after {@code VectorSupport.enabled()} returned true.
 */
final class FourVectorMicroKernel extends VectorEdgeKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int NR = 4 * L;

    FourVectorMicroKernel() {
        super(NR);
    }

    @Override
    public void full(int kc, float[] a, int a0, int a1, int a2, int a3, float[] b, int bOff,
                     float[] c, int c0, int c1, int c2, int c3, boolean load) {
        FloatVector c00, c01, c02, c03;
        FloatVector c10, c11, c12, c13;
        FloatVector c20, c21, c22, c23;
        FloatVector c30, c31, c32, c33;
        if (load) {
            c00 = FloatVector.fromArray(S, c, c0);
            c01 = FloatVector.fromArray(S, c, c0 + L);
            c02 = FloatVector.fromArray(S, c, c0 + 2 * L);
            c03 = FloatVector.fromArray(S, c, c0 + 3 * L);
            c10 = FloatVector.fromArray(S, c, c1);
            c11 = FloatVector.fromArray(S, c, c1 + L);
            c12 = FloatVector.fromArray(S, c, c1 + 2 * L);
            c13 = FloatVector.fromArray(S, c, c1 + 3 * L);
            c20 = FloatVector.fromArray(S, c, c2);
            c21 = FloatVector.fromArray(S, c, c2 + L);
            c22 = FloatVector.fromArray(S, c, c2 + 2 * L);
            c23 = FloatVector.fromArray(S, c, c2 + 3 * L);
            c30 = FloatVector.fromArray(S, c, c3);
            c31 = FloatVector.fromArray(S, c, c3 + L);
            c32 = FloatVector.fromArray(S, c, c3 + 2 * L);
            c33 = FloatVector.fromArray(S, c, c3 + 3 * L);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z; c02 = z; c03 = z;
            c10 = z; c11 = z; c12 = z; c13 = z;
            c20 = z; c21 = z; c22 = z; c23 = z;
            c30 = z; c31 = z; c32 = z; c33 = z;
        }
        for (int p = 0; p < kc; p++) {
            int q = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, q);
            FloatVector b1 = FloatVector.fromArray(S, b, q + L);
            FloatVector b2 = FloatVector.fromArray(S, b, q + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, q + 3 * L);
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01); c02 = x0.fma(b2, c02); c03 = x0.fma(b3, c03);
            FloatVector x1 = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11); c12 = x1.fma(b2, c12); c13 = x1.fma(b3, c13);
            FloatVector x2 = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21); c22 = x2.fma(b2, c22); c23 = x2.fma(b3, c23);
            FloatVector x3 = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31); c32 = x3.fma(b2, c32); c33 = x3.fma(b3, c33);
        }
        c00.intoArray(c, c0); c01.intoArray(c, c0 + L); c02.intoArray(c, c0 + 2 * L); c03.intoArray(c, c0 + 3 * L);
        c10.intoArray(c, c1); c11.intoArray(c, c1 + L); c12.intoArray(c, c1 + 2 * L); c13.intoArray(c, c1 + 3 * L);
        c20.intoArray(c, c2); c21.intoArray(c, c2 + L); c22.intoArray(c, c2 + 2 * L); c23.intoArray(c, c2 + 3 * L);
        c30.intoArray(c, c3); c31.intoArray(c, c3 + L); c32.intoArray(c, c3 + 2 * L); c33.intoArray(c, c3 + 3 * L);
    }
}
