package dev.imgcls.train.cli;

import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.optim.OptimizerSettings;
import dev.imgcls.nn.optim.OptimizerType;
import dev.imgcls.nn.schedule.DecayType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the trainer's command line.
 * <pre>{@code
 * ParsedArguments parsed = TrainingArguments.parse(args);   // ArgumentException: print, exit 2
 * if (parsed instanceof ParsedArguments.Help help) {
 *     System.out.print(help.text());
 * } else if (parsed instanceof ParsedArguments.Run run) {
 *     train(run.config());
 * }
 * }</pre>
 */
public final class TrainingArguments {
    private TrainingArguments() {
    }

    /**
     * @throws ArgumentException listing every problem, one line each, when the arguments are
     *         invalid (and {@code --help} was not given)
     */
    public static ParsedArguments parse(String... args) {
        CommandLine raw = CommandLine.read(args, Flags.SPECS, false);
        if (raw.helpRequested()) {
            return new ParsedArguments.Help(HelpText.render());
        }
        Map<Flag, String> given = new LinkedHashMap<>();
        raw.values().forEach((name, value) -> given.put(Flags.BY_SPELLING.get(name), value));
        FlagReader r = new FlagReader(given);
        String trainingDataPath = r.text(Flags.TRAINING_DATA_PATH);
        String validationDataPath = r.text(Flags.VALIDATION_DATA_PATH);
        String jobDir = r.text(Flags.JOB_DIR);
        int numClasses = r.integer(Flags.NUM_CLASSES);
        long maxSteps = r.longInteger(Flags.MAX_STEPS);
        int trainBatchSize = r.integer(Flags.TRAIN_BATCH_SIZE);
        long numEvalImages = r.longInteger(Flags.NUM_EVAL_IMAGES);
        String pretrained = r.text(Flags.PRETRAINED_CHECKPOINT_PATH);
        DecayType decayType = r.choice(Flags.LEARNING_RATE_DECAY_TYPE, LibraryChoices::decayType, spellings(DecayType.values()));
        double warmupLearningRate = r.number(Flags.WARMUP_LEARNING_RATE);
        long warmupSteps = r.longInteger(Flags.WARMUP_STEPS);
        double initialLearningRate = r.number(Flags.INITIAL_LEARNING_RATE);
        List<Long> stepwiseSteps = r.longList(Flags.STEPWISE_LEARNING_RATE_STEPS);
        List<Double> stepwiseLevels = r.numberList(Flags.STEPWISE_LEARNING_RATE_LEVELS);
        OptimizerType optimizerType = r.choice(Flags.OPTIMIZER_TYPE, LibraryChoices::optimizerType, spellings(OptimizerType.values()));
        OptimizerSettings optimizer = r.optimizer(Flags.OPTIMIZER_ARGUMENTS, optimizerType, r.failed().contains(Flags.OPTIMIZER_TYPE));
        int imageSize = r.integer(Flags.IMAGE_SIZE);
        String modelType = r.choice(Flags.MODEL_TYPE, s -> s, ModelFactory.MODEL_TYPES);
        double labelSmoothing = r.number(Flags.LABEL_SMOOTHING);
        double weightDecay = r.number(Flags.WEIGHT_DECAY);
        int labelBase = r.integer(Flags.LABEL_BASE);
        long seed = r.longInteger(Flags.SEED);
        long evalEverySteps = r.longInteger(Flags.EVAL_EVERY_STEPS);
        long checkpointEverySteps = r.longInteger(Flags.CHECKPOINT_EVERY_STEPS);
        int keepCheckpoints = r.integer(Flags.KEEP_CHECKPOINTS);
        DeviceChoice device = r.choice(Flags.DEVICE, s -> DeviceChoice.valueOf(s.toUpperCase(java.util.Locale.ROOT)),
                spellings(DeviceChoice.values()));
        int threads = r.integer(Flags.THREADS);
        boolean skipBadImages = r.bool(Flags.SKIP_BAD_IMAGES);
        DataSharding dataSharding = r.choice(Flags.DATA_SHARDING, s -> DataSharding.valueOf(s.toUpperCase(java.util.Locale.ROOT)),
                spellings(DataSharding.values()));
        boolean syncBatchNorm = r.bool(Flags.SYNC_BATCH_NORM);
        int collectiveTimeoutSeconds = r.integer(Flags.COLLECTIVE_TIMEOUT_S);
        int evalCropPadding = r.integer(Flags.EVAL_CROP_PADDING);
        double minCropArea = r.number(Flags.MIN_CROP_AREA);
        double movingAverageDecay = r.number(Flags.MOVING_AVERAGE_DECAY, TrainingConfig.defaultMovingAverageDecay(modelType));

        List<String> problems = new ArrayList<>(raw.problems());
        if (!r.failed().contains(Flags.COLLECTIVE_TIMEOUT_S) && collectiveTimeoutSeconds < 1) {
            problems.add("--collective_timeout_s must be at least 1, got " + collectiveTimeoutSeconds);
        }
        List<ConfigRules.Problem> all = new ArrayList<>(r.problems());
        for (ConfigRules.Problem p : ConfigRules.problems(new ConfigRules.Values(numClasses, maxSteps, trainBatchSize, numEvalImages,
                warmupLearningRate, warmupSteps, initialLearningRate, stepwiseSteps, stepwiseLevels, imageSize, modelType,
                labelSmoothing, weightDecay, labelBase, evalEverySteps, checkpointEverySteps, keepCheckpoints, threads,
                trainingDataPath, validationDataPath, jobDir, evalCropPadding, minCropArea, movingAverageDecay))) {
            // A value that did not parse was replaced by a placeholder: its rules say nothing new.
            boolean placeholder = r.failed().contains(p.flag())
                    || (p.flag() == Flags.STEPWISE_LEARNING_RATE_LEVELS && r.failed().contains(Flags.STEPWISE_LEARNING_RATE_STEPS));
            if (!placeholder) {
                all.add(p);
            }
        }
        all.sort((a, b) -> Integer.compare(Flags.ALL.indexOf(a.flag()), Flags.ALL.indexOf(b.flag())));
        all.forEach(p -> problems.add(p.message()));
        if (!problems.isEmpty()) {
            throw new ArgumentException(problems);
        }
        return new ParsedArguments.Run(new TrainingConfig(trainingDataPath, validationDataPath, jobDir, numClasses, maxSteps,
                trainBatchSize, numEvalImages, pretrained.isEmpty() ? null : pretrained, decayType, warmupLearningRate, warmupSteps,
                initialLearningRate, stepwiseSteps, stepwiseLevels, optimizer, imageSize, modelType, labelSmoothing, weightDecay,
                labelBase, seed, evalEverySteps, checkpointEverySteps, keepCheckpoints, device, threads, skipBadImages,
                dataSharding, syncBatchNorm, collectiveTimeoutSeconds < 1 ? TrainingConfig.DEFAULT_COLLECTIVE_TIMEOUT_S : collectiveTimeoutSeconds,
                evalCropPadding, minCropArea, movingAverageDecay));
    }

    /** Parses arguments that must describe a run (not {@code --help}); for tests and tools. */
    public static TrainingConfig parseConfig(String... args) {
        ParsedArguments parsed = parse(args);
        if (parsed instanceof ParsedArguments.Run run) {
            return run.config();
        }
        throw new IllegalArgumentException("--help asks for the help text, not a configuration");
    }

    /** The trainer's flags, for commands that pass training arguments on ({@code tune}). */
    public static List<FlagSpec> flags() {
        return Flags.SPECS;
    }

    /** The {@code --help} text. */
    public static String helpText() {
        return HelpText.render();
    }

    private static List<String> spellings(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toList();
    }
}
