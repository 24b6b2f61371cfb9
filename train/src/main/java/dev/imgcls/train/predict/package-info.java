/**
 * Our own inference with the serving contract of an exported SavedModel:
 * {@link dev.imgcls.train.predict.ImagePredictor} runs encoded images through data's eval
 * preprocessing and the reloaded model, and answers as the exported graph does (softmax, argmax,
 * echoed keys). It lives here, not in export, because it needs both export and data.
 *
 * <p>Tests: {@code train/src/test/java/dev/imgcls/train/predict/}; {@code ServingMatchesOurInferenceTest}
 * holds it to TensorFlow serving the same export (skipped where TensorFlow Java cannot load).
 */
package dev.imgcls.train.predict;
