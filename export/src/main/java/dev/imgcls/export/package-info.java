/**
 * TensorFlow's file formats, written and read without TensorFlow, so that a job's outputs are
 * what TensorFlow tools expect:
 * <ul>
 *   <li>{@link dev.imgcls.export.checkpoint}: tensor bundle V2 checkpoints (byte-identical to TF's
 *       SaveV2) and the {@code checkpoint} state file of a checkpoint directory;</li>
 *   <li>{@link dev.imgcls.export.savedmodel}: the SavedModel export (tag {@code serve}, signature
 *       {@code serving_default}) and our own inference on one, with
 *       {@link dev.imgcls.export.savedmodel.graph} (GraphDef/FunctionDef building) and
 *       {@link dev.imgcls.export.savedmodel.trace} (the network recorded from {@code Model.forward});</li>
 *   <li>{@link dev.imgcls.export.warmstart}: {@code --pretrained_checkpoint_path}, a model's weights
 *       from a TF reference checkpoint or an earlier imgcls job;</li>
 *   <li>{@link dev.imgcls.export.inspect}: the {@code inspect} command's views of these files;</li>
 *   <li>{@code dev.imgcls.export.proto}: Java generated at build time from {@code src/main/proto}
 *       (TensorFlow's messages, with the fields we read and write).</li>
 * </ul>
 * Invariants: variables keep TensorFlow's reference names, so checkpoints and exports interoperate
 * both ways; whatever replaces an existing file or directory (a checkpoint, {@code model/}) is
 * written aside and renamed into place, so a reader never sees half of it.
 *
 * <p>Tests: {@code export/src/test/java/dev/imgcls/export/<package>/}. Those that check against
 * TensorFlow itself (through TensorFlow Java, a test-scope dependency: TensorFlowCheckpoints,
 * TensorFlowServing) are reported skipped, with the reason, off Linux x86-64.
 */
package dev.imgcls.export;
