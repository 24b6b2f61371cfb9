/**
 * TensorFlow checkpoints (tensor bundle V2, tf-formats.md §4) without TensorFlow:
 * {@link dev.imgcls.export.checkpoint.BundleWriter} and {@link dev.imgcls.export.checkpoint.BundleReader}
 * for one checkpoint (byte-identical to TF's SaveV2 output; reads TF's), and
 * {@link dev.imgcls.export.checkpoint.CheckpointManager} for a directory of them with the
 * {@code checkpoint} state file, keep-last-K and latest-complete selection, on local disks and GCS.
 */
package dev.imgcls.export.checkpoint;
