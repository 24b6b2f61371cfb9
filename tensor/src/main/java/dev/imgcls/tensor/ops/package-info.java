/**
 * The engine's ops, one public static {@link dev.imgcls.tensor.OpDef} field each, grouped in
 * family classes ({@code ElementwiseOps}, {@code ConvOps}, …) that {@link dev.imgcls.tensor.ops.OpRegistry}
 * lists.
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
