package dev.imgcls.export.warmstart;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a warm start did: for every model variable whether it was loaded (from the raw variable or
 * its moving-average shadow) or kept its fresh initialisation and why, which checkpoint variables
 * went unused, and how much optimizer state was ignored. {@link #format()} is the table the
 * trainer logs.
 */
public final class WarmStartReport {

    /** Lists of checkpoint variables longer than this are cut in {@link #format()} (a detection checkpoint has hundreds). */
    private static final int MAX_LISTED_UNUSED = 50;

    private final String checkpoint;
    private final String modelType;
    private final int numClasses;
    private final NameMapping mapping;
    private final ModelGuess checkpointLooksLike;
    private final List<VariableLoad> loads;
    private final List<String> unusedCheckpointVariables;
    private final Map<String, Integer> ignoredOptimizerState;

    WarmStartReport(String checkpoint, String modelType, int numClasses, ModelGuess checkpointLooksLike, AssignmentPlan plan) {
        this.checkpoint = checkpoint;
        this.modelType = modelType;
        this.numClasses = numClasses;
        this.mapping = plan.mapping;
        this.checkpointLooksLike = checkpointLooksLike;
        this.loads = plan.loads;
        this.unusedCheckpointVariables = plan.unusedCheckpointVariables;
        this.ignoredOptimizerState = plan.ignoredOptimizerState;
    }

    /** The checkpoint prefix the weights came from. */
    public String checkpoint() {
        return checkpoint;
    }

    public NameMapping mapping() {
        return mapping;
    }

    public ModelGuess checkpointLooksLike() {
        return checkpointLooksLike;
    }

    /** One entry per model variable, in the model's order. */
    public List<VariableLoad> loads() {
        return loads;
    }

    /** Model variables loaded from the checkpoint variable of the same name. */
    public List<String> loaded() {
        return names(VariableLoad.Outcome.LOADED);
    }

    /** Model variables loaded from {@code <name>/ExponentialMovingAverage}. */
    public List<String> loadedFromEma() {
        return names(VariableLoad.Outcome.LOADED_FROM_EMA);
    }

    /** Model variables kept at their fresh initialisation because the checkpoint lacks them. */
    public List<String> missing() {
        return names(VariableLoad.Outcome.MISSING);
    }

    /** Model variables kept at their fresh initialisation because the checkpoint's have another shape. */
    public List<VariableLoad> shapeMismatches() {
        return with(VariableLoad.Outcome.SHAPE_MISMATCH);
    }

    /** Checkpoint variables no model variable corresponds to (optimizer state not included). */
    public List<String> unusedCheckpointVariables() {
        return unusedCheckpointVariables;
    }

    /** Ignored optimizer slots and training state by kind: {@code Momentum}, {@code RMSProp_1}, {@code global_step}, … */
    public Map<String, Integer> ignoredOptimizerState() {
        return Collections.unmodifiableMap(ignoredOptimizerState);
    }

    public int ignoredOptimizerStateCount() {
        return ignoredOptimizerState.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * The load table: counts (variables and values) per outcome, the checkpoint variables left
     * unused or ignored, then every variable that kept its fresh initialisation, with the reason.
     */
    public String format() {
        StringBuilder s = new StringBuilder();
        s.append("Warm start of ").append(modelType).append(" (").append(numClasses).append(numClasses == 1 ? " class" : " classes")
                .append(") from ").append(checkpoint).append('\n');
        s.append("  checkpoint looks like: ").append(checkpointLooksLike.describe()).append('\n');
        s.append("  name mapping: ").append(mapping.describe()).append('\n');
        s.append('\n');
        String rowFormat = "  %-46s %9s %12s%n";
        s.append(String.format(Locale.ROOT, rowFormat, "model variables", "variables", "values"));
        row(s, rowFormat, "loaded from <name>/ExponentialMovingAverage", with(VariableLoad.Outcome.LOADED_FROM_EMA));
        row(s, rowFormat, "loaded from <name>", with(VariableLoad.Outcome.LOADED));
        row(s, rowFormat, "kept fresh: not in the checkpoint", with(VariableLoad.Outcome.MISSING));
        row(s, rowFormat, "kept fresh: other shape in the checkpoint", with(VariableLoad.Outcome.SHAPE_MISMATCH));
        row(s, rowFormat, "total", loads);
        s.append('\n');
        s.append(String.format(Locale.ROOT, "  %-46s %9s%n", "checkpoint variables", "variables"));
        s.append(String.format(Locale.ROOT, "  %-46s %9d%n", "not used by the model", unusedCheckpointVariables.size()));
        s.append(String.format(Locale.ROOT, "  %-46s %9d%s%n", "optimizer state and global_step, ignored", ignoredOptimizerStateCount(),
                ignoredOptimizerState.isEmpty() ? "" : "   (" + ignoredOptimizerState.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")"));

        List<VariableLoad> mismatched = shapeMismatches();
        if (!mismatched.isEmpty()) {
            s.append("\n  kept fresh, other shape in the checkpoint (checkpoint -> model):\n");
            int width = mismatched.stream().mapToInt(l -> l.variable().length()).max().orElse(0);
            for (VariableLoad l : mismatched) {
                s.append(String.format(Locale.ROOT, "    %-" + width + "s  %s -> %s%n", l.variable(), ShapeText.of(l.checkpointShape()),
                        ShapeText.of(l.modelShape())));
            }
        }
        List<VariableLoad> missing = with(VariableLoad.Outcome.MISSING);
        if (!missing.isEmpty()) {
            s.append("\n  kept fresh, not in the checkpoint:\n");
            for (VariableLoad l : missing) {
                s.append("    ").append(l.variable()).append(' ').append(ShapeText.of(l.modelShape())).append('\n');
            }
        }
        if (!unusedCheckpointVariables.isEmpty()) {
            s.append("\n  checkpoint variables not used by the model:\n");
            for (String name : unusedCheckpointVariables.subList(0, Math.min(MAX_LISTED_UNUSED, unusedCheckpointVariables.size()))) {
                s.append("    ").append(name).append('\n');
            }
            if (unusedCheckpointVariables.size() > MAX_LISTED_UNUSED) {
                s.append("    … and ").append(unusedCheckpointVariables.size() - MAX_LISTED_UNUSED).append(" more\n");
            }
        }
        return s.toString();
    }

    /** One line per model variable: outcome, name, and the checkpoint variable it came from with its shape. */
    public String formatVariables() {
        int width = loads.stream().mapToInt(l -> l.variable().length()).max().orElse(0);
        StringBuilder s = new StringBuilder();
        for (VariableLoad l : loads) {
            s.append(String.format(Locale.ROOT, "%-15s %-" + width + "s %s%n", l.outcome(), l.variable(),
                    l.checkpointName() == null ? "" : "<- " + l.checkpointName() + " " + ShapeText.of(l.checkpointShape())));
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return format();
    }

    private static void row(StringBuilder s, String rowFormat, String label, List<VariableLoad> rows) {
        long values = rows.stream().mapToLong(VariableLoad::parameters).sum();
        s.append(String.format(Locale.ROOT, rowFormat, label, rows.size(), String.format(Locale.ROOT, "%,d", values)));
    }

    private List<VariableLoad> with(VariableLoad.Outcome outcome) {
        return loads.stream().filter(l -> l.outcome() == outcome).toList();
    }

    private List<String> names(VariableLoad.Outcome outcome) {
        return with(outcome).stream().map(VariableLoad::variable).toList();
    }
}
