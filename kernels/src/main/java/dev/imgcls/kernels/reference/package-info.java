/**
 * The oracle backend, {@link dev.imgcls.kernels.reference.ReferenceBackend} (name
 * {@code reference}, priority 0, so it runs only when asked for): plain loops that read and write
 * every element as a double, written to be obviously right rather than fast. FLOAT32 and FLOAT64
 * share one implementation and sums accumulate in double. The CPU backend also hands its FLOAT64
 * tensors to these kernels.
 *
 * <pre>{@code
 * try (Autograd.Scope s = Backends.use(Backends.byName(ReferenceBackend.NAME))) {
 *     Tensor expected = ConvOps.conv2d(x, w, 1, Padding.SAME);
 * }
 * }</pre>
 *
 * <p>Invariants: every op has a reference kernel (a test fails otherwise), written directly from
 * the op's documented semantics (TensorFlow 1's), not derived from the fast kernels; no SIMD, no
 * threads, no blocking, so a kernel can be read against its {@code OpDef}'s javadoc line by line.
 * Same layouts and memory rules as every host backend: NHWC, HWIO, {@code HostStorage}, outputs
 * fully written, inputs only read.
 *
 * <p>Tests: this backend is what the others are tested against — {@code OpCheck.compareBackends}
 * in {@code kernels/src/test/java/dev/imgcls/kernels/ops}, and {@code OpCheck.gradCheck}, which runs
 * backward rules against finite differences here in FLOAT64; {@code engine/BackendCoverageTest}
 * fails when it lacks a kernel.
 */
package dev.imgcls.kernels.reference;
