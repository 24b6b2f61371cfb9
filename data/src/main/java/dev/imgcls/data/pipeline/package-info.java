/**
 * The input pipeline: TFRecord files of image tf.Examples in, batches of NHWC float images and
 * class indices out, made on background threads ahead of the training step
 * ({@link dev.imgcls.data.pipeline.InputPipeline}; settings in
 * {@link dev.imgcls.data.pipeline.PipelineConfig}). Images are turned into pixels by an
 * {@link dev.imgcls.data.pipeline.ExamplePreprocessor}; labels are checked against
 * {@code --num_classes} and {@code --label_base} ({@link dev.imgcls.data.pipeline.LabelRange}).
 * Batches depend only on the seed, never on thread timing or thread counts.
 */
package dev.imgcls.data.pipeline;
