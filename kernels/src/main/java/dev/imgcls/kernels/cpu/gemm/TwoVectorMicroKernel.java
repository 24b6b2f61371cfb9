package dev.imgcls.kernels.cpu.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 4×(2 vectors) tile for CPUs with 16 vector registers (AVX2). Eight accumulators are just
 * enough independent FMA chains to fill two FMA pipes of 4-cycle latency, and they leave room:
 * measured on a Zen 3 EPYC with a 256-row block in L1, this tile ran 76 GFLOP/s on one core under
 * JDK 17 and 88 under JDK 25, where 4×3 (12 accumulators, 16 registers in all) ran 42 and 22 and
 * the 4×4 tile ran 44 and 42: C2 spills those to the stack on every k. Each step: two B loads,
 * four broadcasts, eight FMAs. (A 5×2 tile over A packed row-interleaved ran 95 alone under JDK
 * 25, but in the driver the extra packing pass and edge handling ate the gain: 58-74 against this
 * tile's 69-81 GFLOP/s on whole one-thread GEMMs, so it was not kept.)
 */
final class TwoVectorMicroKernel extends VectorEdgeKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int NR = 2 * L;

    TwoVectorMicroKernel() {
        super(NR);
    }

    @Override
    public void full(int kc, float[] a, int a0, int a1, int a2, int a3, float[] b, int bOff,
                     float[] c, int c0, int c1, int c2, int c3, boolean load) {
        FloatVector c00, c01;
        FloatVector c10, c11;
        FloatVector c20, c21;
        FloatVector c30, c31;
        if (load) {
            c00 = FloatVector.fromArray(S, c, c0);
            c01 = FloatVector.fromArray(S, c, c0 + L);
            c10 = FloatVector.fromArray(S, c, c1);
            c11 = FloatVector.fromArray(S, c, c1 + L);
            c20 = FloatVector.fromArray(S, c, c2);
            c21 = FloatVector.fromArray(S, c, c2 + L);
            c30 = FloatVector.fromArray(S, c, c3);
            c31 = FloatVector.fromArray(S, c, c3 + L);
        } else {
            FloatVector z = FloatVector.zero(S);
            c00 = z; c01 = z;
            c10 = z; c11 = z;
            c20 = z; c21 = z;
            c30 = z; c31 = z;
        }
        for (int p = 0; p < kc; p++) {
            int q = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, q);
            FloatVector b1 = FloatVector.fromArray(S, b, q + L);
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            FloatVector x1 = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            FloatVector x2 = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            FloatVector x3 = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
        }
        c00.intoArray(c, c0); c01.intoArray(c, c0 + L);
        c10.intoArray(c, c1); c11.intoArray(c, c1 + L);
        c20.intoArray(c, c2); c21.intoArray(c, c2 + L);
        c30.intoArray(c, c3); c31.intoArray(c, c3 + L);
    }
}
