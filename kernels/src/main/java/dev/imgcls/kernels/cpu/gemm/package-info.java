/**
 * Single-precision GEMM for the CPU backend, {@code C (+)= op(A)·op(B)}:
 * {@link dev.imgcls.kernels.cpu.gemm.Sgemm} packs operands in cache-sized blocks and runs a
 * register-blocked micro-kernel on the Vector API (a plain-Java micro-kernel of the same blocking
 * when the Vector API is off). Operands are row-major {@link dev.imgcls.kernels.cpu.gemm.DenseMatrix}
 * views or any {@link dev.imgcls.kernels.cpu.gemm.GemmA}/{@link dev.imgcls.kernels.cpu.gemm.GemmB}
 * source, which is how convolutions gather im2col panels without building them.
 *
 * <pre>{@code
 * Sgemm.multiply(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false, 0); // c = a·b, row-major
 * }</pre>
 *
 * <p>Invariants: matrices are row-major with a leading dimension ≥ their row length (checked);
 * {@code accumulate} adds into C, otherwise C is overwritten. Threads split C by whole tiles, so
 * no two threads write one element and no reduction crosses threads; packing buffers are per
 * thread and per driver, allocated once and reused. {@code threads ≤ 0} means the whole pool.
 *
 * <p>Tests: {@code kernels/src/test/java/dev/imgcls/kernels/cpu/gemm/SgemmTest} (vector and scalar
 * drivers against a triple loop on awkward sizes, every transpose, accumulation, bad strides) and
 * {@code ops/ReduceLinalgOpsTest} (matmul through the engine).
 */
package dev.imgcls.kernels.cpu.gemm;
