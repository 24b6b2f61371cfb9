/**
 * The tensor engine's user-facing core: {@link dev.imgcls.tensor.Tensor}, eager ops declared as
 * {@link dev.imgcls.tensor.OpDef}s, reverse-mode {@link dev.imgcls.tensor.Autograd},
 * {@link dev.imgcls.tensor.MemoryScope}s, the seeded {@link dev.imgcls.tensor.Generator} and
 * {@link dev.imgcls.tensor.Backends} discovery. This module holds no kernels: add
 * {@code imgcls-kernels} (the CPU and reference backends) to run anything.
 *
 * <pre>{@code
 * Tensor w = Tensor.randomNormal(new Generator(1), 0, 0.1, 3, 2).requiresGrad(true);
 * Tensor loss = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).matmul(w).relu().sum();
 * loss.backward();   // w.grad() now holds d loss / d w
 * }</pre>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li><b>Layout.</b> Data is dense and row-major; images are NHWC, conv filters HWIO
 *       ({@code [kh, kw, cin, cout]}), as TensorFlow's defaults. Shapes are checked eagerly by each
 *       op's shape rule, which throws {@code IllegalArgumentException} naming the op.</li>
 *   <li><b>Dtypes.</b> FLOAT32 is the compute type; FLOAT64 exists for double-precision checks;
 *       INT32/INT64/UINT8 carry labels and pixels. Binary ops never promote: both inputs must have
 *       the same dtype ({@code ShapeOps.cast} converts). Only floating tensors take gradients.</li>
 *   <li><b>Values.</b> Ops never modify their inputs; each returns new tensors (a view op such as
 *       {@code reshape} shares its input's storage, which is safe because nothing writes in place).</li>
 *   <li><b>Devices.</b> All inputs of an op must be on one device; the op runs on the backend
 *       {@link dev.imgcls.tensor.Backends#forDevice} picks for it. Factory methods create CPU
 *       tensors; {@link dev.imgcls.tensor.Tensor#toDevice} moves them.</li>
 *   <li><b>Memory.</b> A tensor's storage is reference counted and freed by
 *       {@link dev.imgcls.tensor.Tensor#release} or by the {@link dev.imgcls.tensor.MemoryScope}
 *       that owns it (tensors created while a scope is open on the thread); using a released
 *       tensor throws. Tensors created outside any scope are left to the garbage collector.</li>
 *   <li><b>Threads.</b> A tensor and its graph belong to one thread at a time: gradient
 *       accumulation and release are not synchronised. Memory scopes, {@code Autograd.noGrad()}
 *       and {@code Backends.use} are per thread. A {@link dev.imgcls.tensor.Generator} is not
 *       thread-safe; {@code fork()} one per thread.</li>
 * </ul>
 *
 * <p>Tests: the engine runs only with a backend, so most of its tests live in the kernels module,
 * {@code kernels/src/test/java/dev/imgcls/kernels/engine} (autograd, memory, backend coverage, the
 * README example). This module's own tests ({@code tensor/src/test}) cover backend discovery with
 * a test backend ({@code BackendDiscoveryTest}) and the Philox known-answer vectors.
 */
package dev.imgcls.tensor;
