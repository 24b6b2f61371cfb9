package dev.imgcls.kernels.cpu;

import dev.imgcls.tensor.spi.KernelTable;

/** Kernels of one op family; filled by the op-set work. */
final class CpuNnKernels {
    private CpuNnKernels() {
    }

    static void register(KernelTable t) {
    }
}
