/**
 * The CPU backend's FLOAT32 kernels for network layers: batch norm
 * ({@link dev.imgcls.kernels.cpu.nn.CpuBatchNormKernels}), max and average pooling
 * ({@link dev.imgcls.kernels.cpu.nn.CpuPoolKernels}), softmax and the losses
 * ({@link dev.imgcls.kernels.cpu.nn.CpuLossKernels}) and the fused optimizer steps
 * ({@link dev.imgcls.kernels.cpu.nn.CpuOptimizerKernels}). Each class registers its kernels in the
 * backend's {@code KernelTable}.
 *
 * <pre>{@code
 * CpuPoolKernels.register(table); // CpuBackend's constructor does this once, through CpuNnKernels
 * }</pre>
 *
 * <p>Invariants: activations are NHWC (or [N, C] for dense layers), so every inner loop runs over
 * the contiguous channels of one pixel; per-channel statistics accumulate in double (per-thread
 * partials added in a fixed order), softmax subtracts the row maximum first. Optimizer kernels
 * round each step to float in the order their {@code OpDef} documents (TF1's). Parallel work is
 * split so no two threads write the same element (max-pool's gradient, which scatters, splits by
 * image and channel block).
 *
 * <p>Tests: {@code kernels/src/test/java/dev/imgcls/kernels/ops} — {@code NormOpsTest},
 * {@code PoolOpsTest}, {@code LossOpsTest}, {@code OptimizerOpsTest} — each against the
 * reference backend and, for differentiable ops, finite differences.
 */
package dev.imgcls.kernels.cpu.nn;
