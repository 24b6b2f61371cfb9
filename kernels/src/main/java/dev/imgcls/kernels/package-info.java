/**
 * The kernels module, {@code imgcls-kernels}: the backends that run the engine's ops on the CPU
 * (registered with {@link java.util.ServiceLoader}, so putting this jar on the class path is all
 * a user does), plus {@link dev.imgcls.kernels.EngineInfo}, which prints what was found.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -cp imgcls-kernels.jar:imgcls-tensor.jar dev.imgcls.kernels.EngineInfo
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.imgcls.kernels.cpu} — the default CPU backend ({@code cpu}, priority 100): fast
 *       FLOAT32 kernels on the Vector API, parallel over one fixed pool.</li>
 *   <li>{@link dev.imgcls.kernels.reference} — the oracle ({@code reference}, priority 0): plain
 *       double-precision loops every fast kernel is tested against.</li>
 *   <li>{@link dev.imgcls.kernels.host} — what both host backends share (Java-array memory,
 *       broadcasting index maths, dtype-generic copies).</li>
 * </ul>
 *
 * <p>Invariants for every backend here: tensors are dense row-major Java arrays
 * ({@code HostStorage}) on {@code Device.CPU}, images NHWC and filters HWIO; kernels implement the
 * op semantics written on each {@code OpDef} in {@code dev.imgcls.tensor.ops} (TensorFlow 1's), never
 * write their inputs and write every element of their outputs. Every op has a kernel on both
 * backends.
 *
 * <p>Tests ({@code kernels/src/test/java/dev/imgcls/kernels}): {@code ops/*OpsTest} check each op's
 * CPU kernel against the reference and its backward rule against finite differences (with
 * {@code testing/OpCheck}); {@code engine/} covers autograd, memory release, the README example and
 * {@code BackendCoverageTest} (a missing kernel fails it); {@code cpu/} tests the SIMD building
 * blocks directly. Benchmarks live in {@code kernels/src/jmh}.
 */
package dev.imgcls.kernels;
