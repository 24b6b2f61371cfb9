package dev.imgcls.kernels.cpu.gemm;

import jdk.incubator.vector.FloatVector;

/**
 * Picks the register blocking for the CPU found at start. The Vector API does not say how many
 * vector registers there are, but on x86 the preferred width does: 512-bit vectors mean AVX-512
 * and 32 registers (room for the 4×4-vector tile), narrower ones mean AVX2 and 16 registers,
 * where C2 keeps only the 4×2-vector tile out of the stack. {@code -Dimgcls.gemm.vectors=2|4}
 * overrides the choice, for measuring one against the other.
 */
final class MicroKernelChoice {
    private MicroKernelChoice() {
    }

    static MicroKernel vectorKernel() {
        return vectors() == 4 ? new FourVectorMicroKernel() : new TwoVectorMicroKernel();
    }

    /** Vectors per panel: 4 on 32-register machines, 2 on 16-register ones. */
    static int vectors() {
        String forced = System.getProperty("imgcls.gemm.vectors");
        if (forced != null) {
            if (!forced.equals("2") && !forced.equals("4")) {
                throw new IllegalStateException("-Dimgcls.gemm.vectors=" + forced + ": give 2 (16 vector registers, AVX2) or 4 (32, AVX-512)");
            }
            return Integer.parseInt(forced);
        }
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? 4 : 2;
    }
}
