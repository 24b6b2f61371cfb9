package dev.imgcls.train.cli;

import dev.imgcls.data.preprocess.CropSettings;
import dev.imgcls.nn.optim.OptimizerSettings;
import dev.imgcls.nn.optim.OptimizerType;
import dev.imgcls.nn.schedule.DecayType;
import dev.imgcls.nn.schedule.LearningRateSchedule;
import dev.imgcls.nn.schedule.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a training job was asked to do, parsed and checked; immutable. Field names follow the
 * flags ({@code train_batch_size} → {@link #trainBatchSize()}); see {@code --help} for meanings and
 * defaults. Build one with {@link TrainingArguments#parse}; {@link #toArguments()} gives back a
 * command line that parses to an equal configuration (for provenance files and the tuner).
 *
 * @param pretrainedCheckpointPath null when not given
 * @param optimizer the optimizer type with its {@code optimizer_arguments} (defaults filled in)
 * @param evalEverySteps as given; 0 means automatic, see {@link #effectiveEvalEverySteps()}
 * @param checkpointEverySteps as given; 0 means with every evaluation, see {@link #effectiveCheckpointEverySteps()}
 * @param threads as given; 0 means all cores
 * @param dataSharding how the ranks of a data-parallel job split the training input (no effect on one process)
 * @param syncBatchNorm batch statistics over the global batch rather than each rank's slice (no effect on one process's statistics)
 * @param collectiveTimeoutSeconds how long a collective operation waits for the other ranks (no effect on one process)
 * @param evalCropPadding the crop padding of the evaluation crop (and the serving graph's); the reference's is 32
 * @param minCropArea the least area fraction of a training crop; the reference's is 0.08
 * @param movingAverageDecay the decay of the weights' exponential moving average that evaluation and export use; 0 = none
 *                           (when not given, {@link #defaultMovingAverageDecay} of the model type)
 */
public record TrainingConfig(
        String trainingDataPath,
        String validationDataPath,
        String jobDir,
        int numClasses,
        long maxSteps,
        int trainBatchSize,
        long numEvalImages,
        String pretrainedCheckpointPath,
        DecayType learningRateDecayType,
        double warmupLearningRate,
        long warmupSteps,
        double initialLearningRate,
        List<Long> stepwiseLearningRateSteps,
        List<Double> stepwiseLearningRateLevels,
        OptimizerSettings optimizer,
        int imageSize,
        String modelType,
        double labelSmoothing,
        double weightDecay,
        int labelBase,
        long seed,
        long evalEverySteps,
        long checkpointEverySteps,
        int keepCheckpoints,
        DeviceChoice device,
        int threads,
        boolean skipBadImages,
        DataSharding dataSharding,
        boolean syncBatchNorm,
        int collectiveTimeoutSeconds,
        int evalCropPadding,
        double minCropArea,
        double movingAverageDecay) {

    /** The default of {@code --collective_timeout_s}. */
    public static final int DEFAULT_COLLECTIVE_TIMEOUT_S = 600;
    /** The reference's crop padding and training crop area ({@code --eval_crop_padding}, {@code --min_crop_area}). */
    public static final int DEFAULT_EVAL_CROP_PADDING = CropSettings.REFERENCE.evalCropPadding();
    public static final double DEFAULT_MIN_CROP_AREA = 0.08;
    /** The reference's EfficientNet moving-average decay ({@code main.py}'s {@code moving_average_decay}). */
    public static final double EFFICIENTNET_MOVING_AVERAGE_DECAY = 0.9999;

    public TrainingConfig {
        Objects.requireNonNull(trainingDataPath, "trainingDataPath");
        Objects.requireNonNull(validationDataPath, "validationDataPath");
        Objects.requireNonNull(jobDir, "jobDir");
        Objects.requireNonNull(learningRateDecayType, "learningRateDecayType");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(modelType, "modelType");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(dataSharding, "dataSharding");
        if (collectiveTimeoutSeconds < 1) {
            throw new ArgumentException(List.of("--collective_timeout_s must be at least 1, got " + collectiveTimeoutSeconds));
        }
        stepwiseLearningRateSteps = List.copyOf(stepwiseLearningRateSteps);
        stepwiseLearningRateLevels = List.copyOf(stepwiseLearningRateLevels);
        List<String> problems = ConfigRules.problems(new ConfigRules.Values(numClasses, maxSteps, trainBatchSize,
                numEvalImages, warmupLearningRate, warmupSteps, initialLearningRate, stepwiseLearningRateSteps,
                stepwiseLearningRateLevels, imageSize, modelType, labelSmoothing, weightDecay, labelBase, evalEverySteps,
                checkpointEverySteps, keepCheckpoints, threads, trainingDataPath, validationDataPath, jobDir, evalCropPadding, minCropArea,
                movingAverageDecay))
                .stream().map(ConfigRules.Problem::message).toList();
        if (!problems.isEmpty()) {
            throw new ArgumentException(problems);
        }
    }

    public OptimizerType optimizerType() {
        return optimizer.type();
    }

    /** The learning rate at each global step, as configured. */
    public LearningRateSchedule learningRateSchedule() {
        long[] steps = stepwiseLearningRateSteps.stream().mapToLong(Long::longValue).toArray();
        double[] levels = stepwiseLearningRateLevels.stream().mapToDouble(Double::doubleValue).toArray();
        return LearningRateSchedule.create(learningRateDecayType, new Warmup(warmupLearningRate, warmupSteps, initialLearningRate),
                maxSteps, steps, levels);
    }

    /**
     * Steps between evaluations: as given, or when 0, {@code ceil(max_steps / 10)} (at least 1), so
     * a job evaluates about ten times whatever its length and the best-model export has
     * candidates to choose from. The reference models evaluate every 1251 (ResNet) or 6255
     * (EfficientNet) steps, tuned for ImageNet-sized jobs that the built-in's users rarely run.
     */
    public long effectiveEvalEverySteps() {
        if (evalEverySteps > 0) {
            return evalEverySteps;
        }
        return Math.max(1, (maxSteps + 9) / 10);
    }

    /** Steps between checkpoints: as given, or when 0, the evaluation interval. */
    public long effectiveCheckpointEverySteps() {
        return checkpointEverySteps > 0 ? checkpointEverySteps : effectiveEvalEverySteps();
    }

    /** The crops of the training and evaluation preprocessing ({@code --eval_crop_padding}, {@code --min_crop_area}). */
    public CropSettings cropSettings() {
        return new CropSettings(evalCropPadding, (float) minCropArea);
    }

    /**
     * The moving-average decay of a model type when {@code --moving_average_decay} is not given,
     * as the reference trains it: EfficientNet averages its weights (0.9999), ResNet does not (0).
     */
    public static double defaultMovingAverageDecay(String modelType) {
        return modelType.startsWith("efficientnet") ? EFFICIENTNET_MOVING_AVERAGE_DECAY : 0;
    }

    /** The class index of a label: {@code label − label_base}. */
    public long classIndex(long label) {
        return label - labelBase;
    }

    /** Every flag as {@code --name=value}, in {@code --help} order; parses back to an equal configuration. */
    public List<String> toArguments() {
        List<String> args = new ArrayList<>();
        for (Flag f : Flags.ALL) {
            if (f == Flags.PRETRAINED_CHECKPOINT_PATH && pretrainedCheckpointPath == null) {
                continue;
            }
            // Only for several ranks, or small pictures: other jobs keep the argument list they always had.
            if ((f == Flags.DATA_SHARDING && dataSharding == DataSharding.FILES)
                    || (f == Flags.SYNC_BATCH_NORM && !syncBatchNorm)
                    || (f == Flags.COLLECTIVE_TIMEOUT_S && collectiveTimeoutSeconds == DEFAULT_COLLECTIVE_TIMEOUT_S)
                    || (f == Flags.EVAL_CROP_PADDING && evalCropPadding == DEFAULT_EVAL_CROP_PADDING)
                    || (f == Flags.MIN_CROP_AREA && minCropArea == DEFAULT_MIN_CROP_AREA)) {
                continue;
            }
            args.add("--" + f.name() + "=" + f.render().apply(this));
        }
        return args;
    }
}
