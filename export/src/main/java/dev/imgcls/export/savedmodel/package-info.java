/**
 * TensorFlow SavedModel export of a trained model, and loading such an export back into the engine.
 *
 * <ul>
 *   <li>{@link dev.imgcls.export.savedmodel.SavedModelExporter#export} writes {@code saved_model.pb}
 *       (tag set {serve}, signature {@code serving_default}, see {@link dev.imgcls.export.savedmodel.ServingSignature})
 *       and {@code assets.extra/imgcls_model.json}, replacing the directory atomically.</li>
 *   <li>{@link dev.imgcls.export.savedmodel.ServingModelBuilder} assembles the graph: a functional
 *       While over the encoded images (decode, centre crop, legacy bicubic resize), the network as
 *       traced from {@code Model.forward} ({@link dev.imgcls.export.savedmodel.trace.ModelTracer}),
 *       softmax, argmax and the echoed keys.</li>
 *   <li>{@link dev.imgcls.export.savedmodel.ExportedModel#load} rebuilds the model from an export
 *       (the trainer's {@code ImagePredictor} predicts with it, through data's eval preprocessing).</li>
 * </ul>
 */
package dev.imgcls.export.savedmodel;
