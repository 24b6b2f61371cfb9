package dev.imgcls.kernels.cpu;

import dev.imgcls.kernels.cpu.nn.CpuBatchNormKernels;
import dev.imgcls.kernels.cpu.nn.CpuLossKernels;
import dev.imgcls.kernels.cpu.nn.CpuOptimizerKernels;
import dev.imgcls.kernels.cpu.nn.CpuPoolKernels;
import dev.imgcls.tensor.spi.KernelTable;

/**
 * Neural-network op kernels (pooling, batch norm, softmax and losses, optimizer updates), one
 * class per family in {@code cpu.nn}. They are plain Java loops over the contiguous channel axis,
 * written so that C2 auto-vectorises the inner loops; only the max-pool gradient, whose argmax
 * needs a compare-and-blend, has a Vector API path (with the scalar loop as its twin).
 */
final class CpuNnKernels {
    private CpuNnKernels() {
    }

    static void register(KernelTable t) {
        CpuPoolKernels.register(t);
        CpuBatchNormKernels.register(t);
        CpuLossKernels.register(t);
        CpuOptimizerKernels.register(t);
    }
}
