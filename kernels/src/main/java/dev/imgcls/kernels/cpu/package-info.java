/**
 * The default CPU backend, {@link dev.imgcls.kernels.cpu.CpuBackend} (name {@code cpu}): FLOAT32
 * kernels written for speed — elementwise and activation loops on the Vector API, reductions,
 * matrix products on the packed SGEMM of {@link dev.imgcls.kernels.cpu.gemm}, convolutions in
 * {@link dev.imgcls.kernels.cpu.conv}, batch norm, pooling, losses and optimizer steps in
 * {@link dev.imgcls.kernels.cpu.nn}. FLOAT64 tensors run on the reference kernels, so double-precision
 * checks stay exact.
 *
 * <pre>{@code
 * try (Autograd.Scope s = Backends.use(Backends.byName(CpuBackend.NAME))) {
 *     Tensor y = x.matmul(w); // the CPU backend is also the default for CPU tensors
 * }
 * }</pre>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li><b>Layouts.</b> Dense row-major {@code HostStorage} arrays, NHWC activations and HWIO
 *       filters; inner loops run over the contiguous last axis (channels).</li>
 *   <li><b>SIMD.</b> {@link dev.imgcls.kernels.cpu.VectorSupport} decides once per process whether
 *       the incubating Vector API is usable and logs the choice; without
 *       {@code --add-modules jdk.incubator.vector}, or with {@code -Dimgcls.simd=scalar}, the same
 *       kernels run their plain-Java fallbacks (same blocking, same results up to rounding).</li>
 *   <li><b>Threads.</b> {@link dev.imgcls.kernels.cpu.Parallel} owns the one fixed pool
 *       ({@code -Dimgcls.threads}, default: the cores). Work is split so that each thread writes
 *       distinct output elements; per-thread partial sums are added in a fixed order, so for a given
 *       thread count results do not depend on scheduling. A parallel call made from inside a pool
 *       worker runs inline.</li>
 *   <li><b>Memory.</b> Kernels read and write the tensors' arrays in place through
 *       {@code TensorAccess.host}; outputs arrive recycled (unspecified contents) and every element
 *       is written. Scratch space is per thread (the GEMM keeps its packing buffers per thread and
 *       reuses them).</li>
 * </ul>
 *
 * <p>Tests: {@code kernels/src/test/java/dev/imgcls/kernels/ops} (every op against the reference
 * backend, through {@code OpCheck.compareBackends}) and {@code kernels/src/test/.../cpu}
 * ({@code ActivationLoopsTest}: the SIMD and scalar activation loops agree).
 */
package dev.imgcls.kernels.cpu;
