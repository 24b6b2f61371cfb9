package dev.imgcls.tune.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads AI Platform's hyperparameter spec: a whole job ({@code trainingInput: {hyperparameters: ...}}), a
 * {@code hyperparameters:} block, or the block's fields at the top level; in YAML or JSON. Every problem, in the
 * structure ({@link SpecFields}) or in the values ({@link StudySpecValidator}), is reported in one
 * {@link InvalidStudySpecException}.
 */
public final class StudySpecParser {
    static final Set<String> STUDY_FIELDS = new LinkedHashSet<>(List.of(
            "goal", "hyperparameterMetricTag", "maxTrials", "maxParallelTrials", "maxFailedTrials",
            "enableTrialEarlyStopping", "algorithm", "params", "resumePreviousJobId"));
    static final Set<String> PARAM_FIELDS = new LinkedHashSet<>(List.of(
            "parameterName", "type", "minValue", "maxValue", "categoricalValues", "discreteValues", "scaleType"));

    private StudySpecParser() {
    }

    /** Parses and validates a spec file for the image classification trainer. */
    public static StudySpec parseFile(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(),
                TunableArguments.imageClassification());
    }

    /** Parses and validates spec text for the image classification trainer; {@code source} names it in messages. */
    public static StudySpec parse(String text, String source) {
        return parse(text, source, TunableArguments.imageClassification());
    }

    /** Parses spec text and validates it against the given tunable arguments. */
    public static StudySpec parse(String text, String source, Map<String, TunableArgument> tunables) {
        Object root = SpecDocument.read(text, source);
        List<String> problems = new ArrayList<>();
        StudySpec spec = bind(root, problems);
        if (spec != null) {
            problems.addAll(StudySpecValidator.validate(spec, tunables));
        }
        if (!problems.isEmpty()) {
            throw new InvalidStudySpecException(source, problems);
        }
        return spec;
    }

    /** Binds the tree to a spec without the value checks; null when not even the block could be found. */
    static StudySpec bind(Object root, List<String> problems) {
        Map<?, ?> block = hyperparametersBlock(root, problems);
        if (block == null) {
            return null;
        }
        SpecFields f = new SpecFields(block, "", problems);
        f.rejectUnknown(STUDY_FIELDS);
        if (f.has("resumePreviousJobId")) {
            f.problem("resumePreviousJobId is not supported: run tune again with the same --job-dir to resume a study");
        }
        Goal goal = f.enumValue("goal", Goal.class, Map.of("GOAL_TYPE_UNSPECIFIED", Goal.MAXIMIZE))
                .orElse(Goal.MAXIMIZE);
        String tag = f.string("hyperparameterMetricTag").filter(s -> !s.isEmpty()).orElse(TunableArguments.METRIC_TAG);
        int maxTrials = f.integer("maxTrials").orElse(1);
        int maxParallel = f.integer("maxParallelTrials").orElse(1);
        int maxFailed = f.integer("maxFailedTrials").orElse(0);
        boolean earlyStopping = f.bool("enableTrialEarlyStopping").orElse(false);
        SearchAlgorithm algorithm = f.enumValue("algorithm", SearchAlgorithm.class,
                Map.of("ALGORITHM_UNSPECIFIED", SearchAlgorithm.BAYESIAN_OPTIMIZATION))
                .orElse(SearchAlgorithm.BAYESIAN_OPTIMIZATION);
        List<ParameterSpec> params = new ArrayList<>();
        Optional<List<Object>> rawParams = f.list("params");
        if (rawParams.isEmpty() && !f.has("params")) {
            f.problem("params is required: list the training arguments to tune");
        }
        List<Object> items = rawParams.orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (!(item instanceof Map<?, ?> m)) {
                problems.add("params[" + i + "] must be an object with parameterName, type, ...");
                continue;
            }
            bindParam(new SpecFields(m, "params[" + i + "]" + nameSuffix(m) + ": ", problems)).ifPresent(params::add);
        }
        return new StudySpec(goal, tag, maxTrials, maxParallel, maxFailed, earlyStopping, algorithm, params);
    }

    private static Map<?, ?> hyperparametersBlock(Object root, List<String> problems) {
        if (!(root instanceof Map<?, ?> map)) {
            problems.add("the spec must be an object (the hyperparameters block of a job's config), got "
                    + (root == null ? "an empty document" : root.getClass().getSimpleName()));
            return null;
        }
        SpecFields top = new SpecFields(map, "", problems);
        Map<?, ?> current = map;
        if (top.has("trainingInput")) {
            if (!(top.raw("trainingInput") instanceof Map<?, ?> input)) {
                problems.add("trainingInput must be an object");
                return null;
            }
            current = input;
            if (!new SpecFields(input, "", problems).has("hyperparameters")) {
                problems.add("trainingInput has no hyperparameters block");
                return null;
            }
        }
        SpecFields level = new SpecFields(current, "", problems);
        if (level.has("hyperparameters")) {
            if (!(level.raw("hyperparameters") instanceof Map<?, ?> block)) {
                problems.add("hyperparameters must be an object");
                return null;
            }
            return block;
        }
        return current;
    }

    private static String nameSuffix(Map<?, ?> m) {
        Object name = new SpecFields(m, "", new ArrayList<>()).raw("parameterName");
        return name == null ? "" : " (" + name + ")";
    }

    private static Optional<ParameterSpec> bindParam(SpecFields f) {
        f.rejectUnknown(PARAM_FIELDS);
        Optional<String> name = f.string("parameterName").filter(s -> !s.isEmpty());
        if (name.isEmpty()) {
            f.problem("parameterName is required");
        }
        Optional<ParameterType> type = f.enumValue("type", ParameterType.class, Map.of());
        if (type.isEmpty() && !f.has("type")) {
            f.problem("type is required (one of DOUBLE, INTEGER, CATEGORICAL, DISCRETE)");
        }
        ScaleType scale = f.enumValue("scaleType", ScaleType.class, Map.of("SCALE_TYPE_UNSPECIFIED", ScaleType.NONE))
                .orElse(ScaleType.NONE);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        ParameterType t = type.get();
        boolean range = t == ParameterType.DOUBLE || t == ParameterType.INTEGER;
        requireOnlyFor(f, "minValue", range, "DOUBLE and INTEGER", t);
        requireOnlyFor(f, "maxValue", range, "DOUBLE and INTEGER", t);
        requireOnlyFor(f, "categoricalValues", t == ParameterType.CATEGORICAL, "CATEGORICAL", t);
        requireOnlyFor(f, "discreteValues", t == ParameterType.DISCRETE, "DISCRETE", t);
        if (t == ParameterType.CATEGORICAL && f.has("scaleType")) {
            f.problem("scaleType applies to numeric parameters, not CATEGORICAL");
        }
        double min = range ? f.number("minValue").orElse(Double.NaN) : Double.NaN;
        double max = range ? f.number("maxValue").orElse(Double.NaN) : Double.NaN;
        List<String> categories = t == ParameterType.CATEGORICAL
                ? f.stringList("categoricalValues").orElse(List.of()) : List.of();
        List<Double> discrete = t == ParameterType.DISCRETE
                ? f.numberList("discreteValues").orElse(List.of()) : List.of();
        if (name.isEmpty() || (range && (Double.isNaN(min) || Double.isNaN(max)))
                || (t == ParameterType.CATEGORICAL && categories.isEmpty() && !f.has("categoricalValues"))
                || (t == ParameterType.DISCRETE && discrete.isEmpty() && !f.has("discreteValues"))) {
            return Optional.empty();
        }
        return Optional.of(new ParameterSpec(name.get(), t, min, max, categories, discrete, scale));
    }

    private static void requireOnlyFor(SpecFields f, String field, boolean needed, String types, ParameterType t) {
        if (needed && !f.has(field)) {
            f.problem(field + " is required for a " + t + " parameter");
        } else if (!needed && f.has(field)) {
            f.problem(field + " is only for " + types + " parameters, not " + t);
        }
    }
}
