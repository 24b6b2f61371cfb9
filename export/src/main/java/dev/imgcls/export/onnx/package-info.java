/**
 * ONNX export of a trained model, from the same trace of {@code Model.forward} as the SavedModel.
 *
 * <ul>
 *   <li>{@link dev.imgcls.export.onnx.OnnxExporter#export} writes one {@code .onnx} file atomically
 *       (local or {@code gs://}); {@link dev.imgcls.export.onnx.OnnxExporter#exportInto} puts
 *       {@code model.onnx} into the job's model directory.</li>
 *   <li>{@link dev.imgcls.export.onnx.OnnxModelBuilder} assembles the model: NHWC float input
 *       {@code images}, the network in NCHW (one transpose after the input normalisation), softmax
 *       {@code probabilities} and argmax {@code classes}, and the preprocessing the input must have
 *       had in {@code metadata_props} ({@link dev.imgcls.export.onnx.OnnxExportOptions}).</li>
 *   <li>The messages are our own {@code onnx.proto}, written from the format's field numbers.</li>
 * </ul>
 */
package dev.imgcls.export.onnx;
