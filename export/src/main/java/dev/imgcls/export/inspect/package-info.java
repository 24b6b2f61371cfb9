/**
 * Command-line views of TensorFlow files: {@link dev.imgcls.export.inspect.Inspect} (the {@code inspect}
 * command) shows a SavedModel's signatures with {@link dev.imgcls.export.inspect.InspectSavedModel} or a
 * checkpoint's variables with {@link dev.imgcls.export.inspect.InspectCheckpoint}, whichever the path holds;
 * other files the caller knows how to describe come as {@link dev.imgcls.export.inspect.FileView}s (the
 * trainer passes data's TFRecord summary, so export needs no image pipeline).
 */
package dev.imgcls.export.inspect;
