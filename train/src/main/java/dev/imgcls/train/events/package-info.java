/**
 * TensorBoard event files (tf-formats.md §5): TFRecord-framed {@code Event} protos, the first
 * announcing {@code brain.Event:2}, then scalar summaries as TF's own {@code WriteScalarSummary}
 * writes them ({@code simple_value}). {@link dev.imgcls.train.events.TrainingEvents} holds the
 * training directory's writer and the {@code eval/} one, as a TF1 Estimator lays them out.
 */
package dev.imgcls.train.events;
