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
 *       Also one in the {@code kernels-cuda} module's {@code cuda/Cuda…Kernels} (or a cuDNN/cuBLAS one): {@code CudaCoverageTest}
 *       fails without it, GPU or not.</li>
 *   <li><b>Tests</b> in {@code kernels/src/test/.../ops/…OpsTest} with {@code OpCheck}: CPU
 *       against reference, and the backward rule against finite differences ({@code gradCheck}).</li>
 *   <li><b>Export</b>, only when models use the op in their forward pass: its TensorFlow
 *       translation, keyed by the OpDef, in the {@code export} module's
 *       {@code savedmodel/OpTranslations}, and a use in {@code OpCoverageModel} (export tests)
 *       unless ResNet or EfficientNet already use it. {@code OpTranslationCoverageTest} fails on
 *       a used op without a translation or a translation no test model uses;
 *       {@code NetworkTranslationTest} compares each against TensorFlow.</li>
 * </ol>
 */
package dev.imgcls.tensor.ops;
