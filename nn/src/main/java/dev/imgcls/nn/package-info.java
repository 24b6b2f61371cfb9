/**
 * The reference page's models on the tensor engine: {@link dev.imgcls.nn.ModelFactory} builds one
 * from its {@code model_type} ({@code resnet-18} … {@code resnet-200},
 * {@code efficientnet-b0} … {@code b7}); the networks are in {@link dev.imgcls.nn.models}, their
 * layers in {@link dev.imgcls.nn.layers}. {@link dev.imgcls.nn.optim} (TF1's optimizers) and
 * {@link dev.imgcls.nn.schedule} (learning rates) train any list of variables, these models or a
 * network written by hand.
 *
 * <p>Contract of a {@link dev.imgcls.nn.Model}: NHWC RGB images with pixels in [0, 255] in (it
 * normalises them itself, so training, evaluation and export feed the same raw pixels), logits
 * {@code [N, num_classes]} out; {@link dev.imgcls.nn.Mode} says whether a pass trains (batch
 * statistics, dropout drawn from its generator) or evaluates.
 *
 * <p>Invariants: every {@link dev.imgcls.nn.Variable} is named and shaped as in TensorFlow's
 * reference checkpoints ({@link dev.imgcls.nn.VariableStore} reproduces TF1's layer naming), so
 * checkpoints and warm starts match by name; the same seed gives the same initial weights
 * ({@link dev.imgcls.nn.Initializers}, TF 1.14's definitions); all variables of a model live on one
 * device, and a value assigned from elsewhere is copied there.
 *
 * <p>Tests: {@code nn/src/test/java/dev/imgcls/nn/} (names and shapes against the reference
 * listings, parameter counts, forward/backward of every model type, batch norm's statistics,
 * overfitting one batch); moving a model to a device is tested in train's {@code loop} tests, on
 * a simulated GPU.
 */
package dev.imgcls.nn;
