package dev.imgcls.export.warmstart;

import dev.imgcls.export.checkpoint.UnsupportedCheckpointException;
import dev.imgcls.export.checkpoint.VariableInfo;
import dev.imgcls.export.proto.DataType;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.Variable;
import dev.imgcls.tensor.DType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks between planning a warm start and reading any data: that the checkpoint is one of
 * the model asked for, and that every variable to load can be read as the model's dtype.
 */
final class CheckpointFit {

    /** Below this share of the non-head variables loaded, the checkpoint is taken to be of another model. */
    static final double MIN_COVERAGE = 0.5;

    /** How many offending variables a message names before "and N more". */
    private static final int EXAMPLES = 4;

    private CheckpointFit() {}

    /**
     * Fails when fewer than half of the model's variables outside the classifier head would load,
     * or when the checkpoint recognisably holds another model_type and some of them would not.
     */
    static void requireSameModel(Model model, AssignmentPlan plan, ModelGuess guess, String prefix) throws IncompatibleCheckpointException {
        List<VariableLoad> body = plan.nonHead();
        long loaded = plan.loadedNonHead();
        boolean otherModel = guess.recognised() && !guess.modelType().equals(model.modelType());
        if (body.isEmpty() || (loaded >= MIN_COVERAGE * body.size() && (loaded == body.size() || !otherModel))) {
            return;
        }
        StringBuilder m = new StringBuilder("checkpoint ").append(prefix).append(" does not fit ").append(model.modelType())
                .append(": only ").append(loaded).append(" of its ").append(body.size())
                .append(" variables outside the classifier head have a checkpoint variable of the same name and shape (")
                .append(Math.round(100.0 * loaded / body.size())).append("%");
        if (!plan.mapping.isNone()) {
            m.append(", names mapped as ").append(plan.mapping.describe());
        }
        m.append("). ");
        if (otherModel) {
            m.append("This checkpoint looks like ").append(guess.describe()).append("; you asked for ").append(model.modelType())
                    .append(". Pass --model_type=").append(guess.modelType()).append(", or a checkpoint of a ").append(model.modelType())
                    .append('.');
        } else if (guess.recognised()) {
            m.append("It looks like ").append(guess.describe()).append(", the model_type asked for, but its names or shapes differ.");
        } else {
            m.append("It does not look like any model_type imgcls builds: ").append(guess.evidence()).append('.');
        }
        List<String> examples = new ArrayList<>();
        List<VariableLoad> kernelsFirst = new ArrayList<>(body);
        kernelsFirst.sort(Comparator.comparing((VariableLoad l) -> !l.variable().endsWith("kernel"))); // stable: model order within
        for (VariableLoad l : kernelsFirst) {
            if (l.outcome() == VariableLoad.Outcome.SHAPE_MISMATCH) {
                examples.add(l.variable() + " is " + ShapeText.of(l.checkpointShape()) + " in the checkpoint, "
                        + ShapeText.of(l.modelShape()) + " in the model");
            } else if (l.outcome() == VariableLoad.Outcome.MISSING) {
                examples.add(plan.mapping.checkpointName(l.variable()) + " is not in the checkpoint");
            }
        }
        m.append(" For example: ").append(listed(examples)).append('.');
        throw new IncompatibleCheckpointException(m.toString());
    }

    /**
     * Fails, naming them, when variables to load were saved partitioned (as slices) or in another
     * dtype than the model variable's; weights are never converted silently.
     */
    static void requireReadable(Model model, AssignmentPlan plan, Map<String, VariableInfo> checkpoint, String prefix)
            throws IOException {
        Map<String, Variable> variables = new HashMap<>();
        for (Variable v : model.variables()) {
            variables.put(v.name(), v);
        }
        List<String> partitioned = new ArrayList<>();
        List<String> otherDtype = new ArrayList<>();
        for (VariableLoad l : plan.loads) {
            if (!l.outcome().loaded()) {
                continue;
            }
            VariableInfo info = checkpoint.get(l.checkpointName());
            if (info.isPartitioned()) {
                partitioned.add("'" + info.name() + "' (" + info.sliceCount() + (info.sliceCount() == 1 ? " slice" : " slices")
                        + " of " + ShapeText.of(info.dims()) + ")");
            }
            DType modelDtype = variables.get(l.variable()).value().dtype();
            if (info.dtype() != tensorFlowDtype(modelDtype)) {
                otherDtype.add("'" + info.name() + "' is " + info.dtype() + " in the checkpoint, " + modelDtype + " ("
                        + tensorFlowDtype(modelDtype) + ") in the model");
            }
        }
        if (!partitioned.isEmpty()) {
            throw new UnsupportedCheckpointException("checkpoint " + prefix + " saved " + partitioned.size() + " of the variables "
                    + model.modelType() + " needs as partitioned variables, which imgcls does not read: " + listed(partitioned)
                    + ". Re-save it unpartitioned: restore it in TensorFlow and save it again with a Saver over variables created"
                    + " without a partitioner.");
        }
        if (!otherDtype.isEmpty()) {
            throw new IncompatibleCheckpointException("checkpoint " + prefix + " holds " + otherDtype.size()
                    + " of the variables to load in another dtype than the model's: " + listed(otherDtype)
                    + ". imgcls loads weights only in the model's own dtype, with no silent conversion; cast them in TensorFlow"
                    + " (tf.cast to float32) and save the checkpoint again.");
        }
    }

    static DataType tensorFlowDtype(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> DataType.DT_FLOAT;
            case FLOAT64 -> DataType.DT_DOUBLE;
            case INT32 -> DataType.DT_INT32;
            case INT64 -> DataType.DT_INT64;
            case UINT8 -> DataType.DT_UINT8;
        };
    }

    private static String listed(List<String> items) {
        String shown = String.join("; ", items.subList(0, Math.min(EXAMPLES, items.size())));
        return items.size() > EXAMPLES ? shown + "; and " + (items.size() - EXAMPLES) + " more" : shown;
    }
}
