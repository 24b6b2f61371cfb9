/** Command-line views of TensorFlow files: {@link dev.imgcls.export.inspect.InspectCheckpoint} lists a checkpoint's variables. */
package dev.imgcls.export.inspect;
