package dev.imgcls.export.warmstart;

import dev.imgcls.export.checkpoint.VariableInfo;
import dev.imgcls.nn.Variable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which checkpoint variable each model variable takes its value from, decided from the
 * checkpoint's index alone (names and shapes, no data): seed-spec §2.4's rule, a same-named
 * variable of the same shape or nothing, with the moving-average shadow preferred where the
 * checkpoint has one (§3.4: the reference EfficientNet evaluates and exports with those).
 */
final class AssignmentPlan {

    /** The classifier layer, whose shape follows num_classes: {@code dense/*} (ResNet), {@code efficientnet-bX/head/dense/*}. */
    private static final Pattern HEAD = Pattern.compile("(?:.*/)?dense(?:_\\d+)?/(?:kernel|bias)");

    final NameMapping mapping;
    final List<VariableLoad> loads;
    final List<String> unusedCheckpointVariables;
    /** Optimizer slots and training state by kind ({@code Momentum} → count), which a warm start ignores. */
    final Map<String, Integer> ignoredOptimizerState;

    private AssignmentPlan(NameMapping mapping, List<VariableLoad> loads, List<String> unused, Map<String, Integer> ignored) {
        this.mapping = mapping;
        this.loads = Collections.unmodifiableList(loads);
        this.unusedCheckpointVariables = Collections.unmodifiableList(unused);
        this.ignoredOptimizerState = Collections.unmodifiableMap(ignored);
    }

    static AssignmentPlan create(List<Variable> modelVariables, List<VariableInfo> checkpoint) {
        Map<String, VariableInfo> byName = new LinkedHashMap<>();
        for (VariableInfo v : checkpoint) {
            byName.put(v.name(), v);
        }
        Set<String> modelNames = new HashSet<>();
        for (Variable v : modelVariables) {
            modelNames.add(v.name());
        }
        NameMapping mapping = NameMapping.detect(modelNames, byName.keySet());

        List<VariableLoad> loads = new ArrayList<>();
        Set<String> accountedFor = new HashSet<>();
        for (Variable v : modelVariables) {
            String raw = mapping.checkpointName(v.name());
            String ema = CheckpointNames.emaShadowOf(raw);
            accountedFor.add(raw);
            accountedFor.add(ema);
            loads.add(decide(v, byName.get(ema) != null ? byName.get(ema) : byName.get(raw)));
        }

        List<String> unused = new ArrayList<>();
        Map<String, Integer> ignored = new TreeMap<>();
        for (String name : byName.keySet()) {
            Optional<String> kind = CheckpointNames.optimizerStateKind(name);
            if (kind.isPresent()) {
                ignored.merge(kind.get(), 1, Integer::sum);
            } else if (!accountedFor.contains(name)) {
                unused.add(name);
            }
        }
        return new AssignmentPlan(mapping, loads, unused, ignored);
    }

    private static VariableLoad decide(Variable v, VariableInfo source) {
        int[] modelShape = v.shape().dims();
        if (source == null) {
            return new VariableLoad(v.name(), VariableLoad.Outcome.MISSING, null, null, modelShape);
        }
        long[] dims = source.dims();
        boolean sameShape = dims.length == modelShape.length;
        for (int i = 0; sameShape && i < dims.length; i++) {
            sameShape = dims[i] == modelShape[i];
        }
        VariableLoad.Outcome outcome = !sameShape ? VariableLoad.Outcome.SHAPE_MISMATCH
                : CheckpointNames.isEmaShadow(source.name()) ? VariableLoad.Outcome.LOADED_FROM_EMA : VariableLoad.Outcome.LOADED;
        return new VariableLoad(v.name(), outcome, source.name(), dims, modelShape);
    }

    static boolean isHead(String modelVariable) {
        return HEAD.matcher(modelVariable).matches();
    }

    /** The checkpoint variables to read, in the model's order. */
    List<String> sources() {
        return loads.stream().filter(l -> l.outcome().loaded()).map(VariableLoad::checkpointName).toList();
    }

    List<VariableLoad> nonHead() {
        return loads.stream().filter(l -> !isHead(l.variable())).toList();
    }

    long loadedNonHead() {
        return nonHead().stream().filter(l -> l.outcome().loaded()).count();
    }
}
