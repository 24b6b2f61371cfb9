/**
 * Command-line views of TensorFlow files: {@link dev.imgcls.export.inspect.Inspect} (the {@code inspect}
 * command) shows a SavedModel's signatures with {@link dev.imgcls.export.inspect.InspectSavedModel} or a
 * checkpoint's variables with {@link dev.imgcls.export.inspect.InspectCheckpoint}, whichever the path holds.
 */
package dev.imgcls.export.inspect;
