/**
 * The engine's ops, one public static {@link dev.imgcls.tensor.OpDef} field each, grouped in
 * family classes ({@code ElementwiseOps}, {@code ConvOps}, …) that {@link dev.imgcls.tensor.ops.OpRegistry}
 * lists. The public static methods of the family classes ({@code ConvOps.conv2d},
 * {@code LossOps.softmaxCrossEntropyMean}, …) are the way to call them.
 *
 * <pre>{@code
 * Tensor y = PoolOps.maxPool(ElementwiseOps.relu(ConvOps.conv2d(x, w, 1, Padding.SAME)), 2, 2, Padding.VALID);
 * }</pre>
 *
 * <h2>Contract</h2>
 * Semantics follow TensorFlow 1 (the models are checked against it): NHWC images, HWIO filters,
 * {@code SAME}/{@code VALID} padding as TF computes it, NumPy broadcasting for binary ops, no
 * implicit dtype promotion. An op's shape rule is the only validation: it runs before any kernel
 * and throws {@code IllegalArgumentException} with the op's name, so kernels may assume valid
 * shapes. Backward rules are written with these same ops, so every backend gets gradients for
 * free; ops whose gradient needs its own kernel declare a {@code *_grad} op. Every kernel must
 * write all elements of its outputs (they arrive with unspecified contents).
 *
 * <p>Tests: {@code OpDeclarationTest} here ({@code tensor/src/test/.../ops}); the numerical ones
 * run against real backends in {@code kernels/src/test/java/dev/imgcls/kernels/ops}.
 *
 * <h2>Adding an op</h2>
 * <ol>
 *   <li><b>Declare it</b> in its family class here: {@code OpDef.<Attrs>of(name, arity, shapeRule, backwardRule)}
 *       ({@code nonDifferentiable} or {@code view} where that fits), then
 *       {@code .profiledAs(OpKind.…)}, and {@code .countingFlops(rule)} when its kind counts FLOPs
 *       (conv and matmul kinds; add the rule to {@code DenseFlops}). A backward rule that writes
 *       the gradient with new ops needs those ops declared too. A new family class goes into
 *       {@code OpRegistry}'s list. {@code OpDeclarationTest} fails on an unregistered op, a
 *       missing kind or a FLOP rule that does not match the kind.</li>
 *   <li><b>Kernels</b> in the {@code kernels} module: one in {@code cpu/Cpu…Kernels} and one in
 *       {@code reference/Reference…Kernels} (the double-precision oracle), put in the backend's
 *       kernel table under the OpDef; {@code BackendCoverageTest} fails when either lacks one.
 *       An activation's CPU loop goes into {@code cpu/ActivationLoops} and both its
 *       implementations ({@code ScalarActivationLoops}, and {@code VectorActivationLoops} without
 *       a scalar fallback in the vector body).
 *       Also one in the {@code kernels-cuda} module's {@code cuda/Cuda…Kernels} (or a cuDNN/cuBLAS one): {@code CudaCoverageTest}
 *       fails without it, GPU or not.</li>
 *   <li><b>Tests</b> in {@code kernels/src/test/.../ops/…OpsTest}, the op suite: an
 *       {@code @EveryBackend} case comparing every backend with the reference through
 *       {@code OpCheck.compareBackends…} (CPU and the simulated device here, CUDA when
 *       {@code kernels-cuda} runs the same classes), a {@code gradCheck} of the backward rule
 *       against finite differences on the reference, and the op's row in
 *       {@code SpecialValuesOpsTest} (NaN, ±0, ±∞, empty and size-1 inputs).</li>
 *   <li><b>Export</b>, only when models use the op in their forward pass: its TensorFlow
 *       translation, keyed by the OpDef, in the {@code export} module's
 *       {@code savedmodel/OpTranslations}, and a use in {@code OpCoverageModel} (export tests)
 *       unless ResNet or EfficientNet already use it. {@code OpTranslationCoverageTest} fails on
 *       a used op without a translation or a translation no test model uses;
 *       {@code NetworkTranslationTest} compares each against TensorFlow.</li>
 *   <li><b>Special values</b>: its NaN/±0/±∞ rule below when it is not plain IEEE arithmetic.</li>
 * </ol>
 * The last op added this way, {@code gelu} with {@code gelu_grad} (no export: no model uses it),
 * touched 11 files in three modules: {@code ElementwiseOps} and this note (tensor);
 * {@code ReferenceElementwiseKernels}, {@code CpuElementwiseKernels}, {@code ActivationLoops},
 * {@code ScalarActivationLoops}, {@code VectorActivationLoops}, {@code ActivationOpsTest},
 * {@code SpecialValuesOpsTest} (kernels); {@code CudaElementwiseKernels} and
 * {@code elementwise.cu} (kernels-cuda).
 *
 * <h2>Special values</h2>
 * Every backend gives the same result on NaN, ±0, ±∞ and empty tensors; the rule is TensorFlow's
 * unless said otherwise. {@code SpecialValuesOpsTest} checks the reference against TF's values
 * and every backend against the reference (zeros with their sign).
 * <ul>
 *   <li><b>Elementwise</b> ops follow IEEE float: NaN in, NaN out; {@code neg} and
 *       {@code mul(−1)} flip the sign of zero; −0 + −0 = −0, −0 + 0 = +0; x/±0 = ±∞, 0/0 = NaN;
 *       {@code log(0)} = −∞, {@code log(x < 0)}, {@code sqrt(x < 0)} = NaN; {@code sqrt(−0)} = −0,
 *       {@code rsqrt(±0)} = ±∞; {@code tanh(−0)} = −0; {@code swish(−∞)} = −∞·0 = NaN.</li>
 *   <li><b>relu</b>(x) = 0 where x &lt; 0, else x: NaN and −0 pass through (TF's Relu).
 *       <b>relu_grad</b>(g, x) = g·[x &gt; 0] as a product, so it is −0 where g &lt; 0 and NaN where
 *       g is NaN or ±∞ even for x ≤ 0 (TF's ReluGrad). <b>gelu</b> is x·½(1 + erf(x/√2)): NaN
 *       stays NaN, gelu(−0) = −0, gelu(+∞) = +∞, gelu(−∞) = −∞·0 = NaN (as TF's formula).</li>
 *   <li><b>Reductions</b>: {@code sum} of an empty axis is 0, {@code max} of one is −∞; a NaN
 *       makes the sum and the max NaN. The sign of a zero maximum among mixed ±0 is unspecified.</li>
 *   <li><b>argmax / top_k</b> rank NaN above +∞ and take the first index among equals (−0 and +0
 *       are equal). <i>Differs from TF's CPU kernels</i>, which skip NaN; we keep a NaN visible.</li>
 *   <li><b>max_pool</b>: a NaN in a window makes that output NaN (as {@code max}); a window of
 *       −∞ gives −∞. <i>Differs from TF's CPU kernel</i>, which skips NaN and starts from the
 *       lowest finite float.</li>
 *   <li><b>softmax / log_softmax / softmax_cross_entropy</b>: a −∞ logit gets probability 0
 *       (log-probability −∞) and, without label smoothing, costs nothing off the label; a +∞ or
 *       NaN logit makes its whole row NaN.</li>
 *   <li><b>Empty tensors</b> (a 0-sized dimension): every op returns an empty result of the
 *       rule's shape, or the identity of a reduction; {@code argmax} over an empty axis is an
 *       error. <b>Size-1 dimensions</b> broadcast and reduce as any other size.</li>
 *   <li>Gradients of zero may carry either sign; only an op's own outputs promise a sign.</li>
 * </ul>
 */
package dev.imgcls.tensor.ops;
