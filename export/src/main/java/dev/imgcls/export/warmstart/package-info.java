/**
 * Warm start ({@code --pretrained_checkpoint_path}): initialises a fresh model's weights from a
 * TensorFlow checkpoint, Google's published TF1 reference checkpoints or one of an earlier imgcls
 * job, by variable name and shape (seed-spec §2.4, §3.4). Entry point:
 * {@link dev.imgcls.export.warmstart.WarmStart}.
 */
package dev.imgcls.export.warmstart;
