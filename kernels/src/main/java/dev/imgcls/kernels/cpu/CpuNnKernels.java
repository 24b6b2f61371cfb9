package dev.imgcls.kernels.cpu;

import dev.imgcls.kernels.cpu.nn.CpuBatchNormKernels;
import dev.imgcls.kernels.cpu.nn.CpuLossKernels;
import dev.imgcls.kernels.cpu.nn.CpuPoolKernels;
import dev.imgcls.tensor.spi.KernelTable;

/**
 * Neural-network op kernels (pooling, batch norm, softmax and losses), one class per family in
 * {@code cpu.nn}. They are plain Java loops over the contiguous channel axis, written so that C2
 * auto-vectorises the inner loops; none touches the Vector API, so they need no scalar twin.
 */
final class CpuNnKernels {
    private CpuNnKernels() {
    }

    static void register(KernelTable t) {
        CpuPoolKernels.register(t);
        CpuBatchNormKernels.register(t);
        CpuLossKernels.register(t);
    }
}
