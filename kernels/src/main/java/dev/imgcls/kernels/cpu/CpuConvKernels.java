package dev.imgcls.kernels.cpu;

import dev.imgcls.tensor.spi.KernelTable;

/** Convolution kernels (implicit GEMM, depthwise): filled by the conv work. */
final class CpuConvKernels {
    private CpuConvKernels() {
    }

    static void register(KernelTable t) {
    }
}
