package dev.imgcls.export.warmstart;

import dev.imgcls.export.checkpoint.BundleReader;
import dev.imgcls.export.checkpoint.CheckpointValue;
import dev.imgcls.export.checkpoint.VariableInfo;
import dev.imgcls.io.FileSystems;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.Variable;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --pretrained_checkpoint_path}: initialises the weights of a freshly built model from a
 * TensorFlow checkpoint, Google's TF1 reference checkpoints (EfficientNet-B0…B7, the TPU
 * ResNet-50) or one of an earlier imgcls job, usually trained for another num_classes.
 *
 * <p>For every model variable, trainable ones and batch-norm moving statistics alike, the
 * checkpoint variable of the same name ({@link NameMapping}: possibly under an outer scope) is
 * loaded when it exists and has the same shape, its {@code /ExponentialMovingAverage} shadow in
 * preference to the raw value; otherwise the variable keeps its fresh initialisation, which is
 * how a head for another num_classes is re-initialised (seed-spec §2.4, §3.4). Optimizer slots
 * and {@code global_step} are ignored: a warm start begins at step 0 with fresh optimizer state.
 *
 * <p>This is not resume. The trainer calls it only for a job whose job-dir has no checkpoint of
 * its own; a job that has one resumes from it (weights, optimizer state and step) instead.
 *
 * <pre>{@code
 * Model model = ModelFactory.create("efficientnet-b0", 10, seed);
 * if (CheckpointManager.latestCheckpoint(jobDir + "/checkpoints").isEmpty() && pretrained != null) {
 *     System.out.print(WarmStart.initialize(model, pretrained).format());
 * }
 * }</pre>
 *
 * <p>Nothing is assigned unless the whole checkpoint fits: a checkpoint of another model_type
 * ({@link IncompatibleCheckpointException}, naming the model it looks like), partitioned
 * variables ({@link dev.imgcls.export.checkpoint.UnsupportedCheckpointException}), a dtype other
 * than the model's, or missing data files all fail before any variable changes.
 */
public final class WarmStart {

    private WarmStart() {}

    public static WarmStartReport initialize(Model model, String checkpointPath) throws IOException {
        return initialize(FileSystems.defaults(), model, checkpointPath);
    }

    /**
     * Loads what fits of the checkpoint at {@code checkpointPath} (see {@link PretrainedCheckpointPath})
     * into {@code model}'s variables.
     *
     * @return what was loaded, kept fresh, unused and ignored; {@link WarmStartReport#format()} is the table to log
     */
    public static WarmStartReport initialize(FileSystems fileSystems, Model model, String checkpointPath) throws IOException {
        String prefix = PretrainedCheckpointPath.resolve(fileSystems, checkpointPath);
        BundleReader reader = BundleReader.open(fileSystems, prefix);
        List<VariableInfo> stored = reader.variables();
        AssignmentPlan plan = AssignmentPlan.create(model.variables(), stored);

        Map<String, long[]> shapes = new LinkedHashMap<>();
        Map<String, VariableInfo> byName = new HashMap<>();
        for (VariableInfo v : stored) {
            shapes.put(v.name(), v.dims());
            byName.put(v.name(), v);
        }
        ModelGuess guess = ModelGuess.of(shapes);
        CheckpointFit.requireSameModel(model, plan, guess, prefix);
        CheckpointFit.requireReadable(model, plan, byName, prefix);
        reader.checkDataFiles();

        Set<String> sources = new HashSet<>(plan.sources());
        Map<String, CheckpointValue> values = reader.readAll(sources::contains);
        Map<String, Variable> variables = new HashMap<>();
        for (Variable v : model.variables()) {
            variables.put(v.name(), v);
        }
        for (VariableLoad l : plan.loads) {
            if (l.outcome().loaded()) {
                variables.get(l.variable()).assign(values.get(l.checkpointName()).tensor());
            }
        }
        return new WarmStartReport(prefix, model.modelType(), model.numClasses(), guess, plan);
    }
}
