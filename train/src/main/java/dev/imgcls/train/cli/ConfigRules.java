package dev.imgcls.train.cli;

import dev.imgcls.nn.ModelFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The value rules of a configuration, each problem one line naming its flag. The parser reports
 * them all at once; {@link TrainingConfig}'s constructor enforces the same rules for
 * configurations built in code.
 */
final class ConfigRules {
    private ConfigRules() {
    }

    /** A broken rule: the flag it is about, and the line to show. */
    record Problem(Flag flag, String message) {}

    /** The checked values of a configuration (the ones with rules). */
    record Values(int numClasses, long maxSteps, int trainBatchSize, long numEvalImages, double warmupLearningRate,
                  long warmupSteps, double initialLearningRate, List<Long> stepwiseSteps, List<Double> stepwiseLevels,
                  int imageSize, String modelType, double labelSmoothing, double weightDecay, int labelBase,
                  long evalEverySteps, long checkpointEverySteps, int keepCheckpoints, int threads,
                  String trainingDataPath, String validationDataPath, String jobDir, int evalCropPadding, double minCropArea,
                  double movingAverageDecay) {}

    static List<Problem> problems(Values v) {
        List<Problem> out = new ArrayList<>();
        notEmpty(out, Flags.TRAINING_DATA_PATH, v.trainingDataPath());
        notEmpty(out, Flags.VALIDATION_DATA_PATH, v.validationDataPath());
        notEmpty(out, Flags.JOB_DIR, v.jobDir());
        if (v.numClasses() < 2) {
            out.add(new Problem(Flags.NUM_CLASSES,
                    "--num_classes must be at least 2 (a classifier needs two classes), got " + v.numClasses()));
        }
        atLeast(out, Flags.MAX_STEPS, v.maxSteps(), 0);
        atLeast(out, Flags.TRAIN_BATCH_SIZE, v.trainBatchSize(), 1);
        atLeast(out, Flags.NUM_EVAL_IMAGES, v.numEvalImages(), 0);
        rate(out, Flags.WARMUP_LEARNING_RATE, v.warmupLearningRate());
        atLeast(out, Flags.WARMUP_STEPS, v.warmupSteps(), 0);
        rate(out, Flags.INITIAL_LEARNING_RATE, v.initialLearningRate());
        stepwise(out, v.stepwiseSteps(), v.stepwiseLevels());
        atLeast(out, Flags.IMAGE_SIZE, v.imageSize(), 1);
        if (!ModelFactory.MODEL_TYPES.contains(v.modelType())) {
            out.add(new Problem(Flags.MODEL_TYPE, unknownChoice(Flags.MODEL_TYPE, v.modelType(), ModelFactory.MODEL_TYPES)));
        }
        if (!(v.labelSmoothing() >= 0 && v.labelSmoothing() < 1)) {
            out.add(new Problem(Flags.LABEL_SMOOTHING,
                    "--label_smoothing must be in [0, 1), got " + ValueSyntax.formatDouble(v.labelSmoothing())));
        }
        rate(out, Flags.WEIGHT_DECAY, v.weightDecay());
        if (v.labelBase() != 0 && v.labelBase() != 1) {
            out.add(new Problem(Flags.LABEL_BASE, "--label_base must be 0 (labels 0..num_classes-1) or 1 (labels 1..num_classes), got "
                    + v.labelBase()));
        }
        atLeast(out, Flags.EVAL_EVERY_STEPS, v.evalEverySteps(), 0);
        atLeast(out, Flags.CHECKPOINT_EVERY_STEPS, v.checkpointEverySteps(), 0);
        atLeast(out, Flags.KEEP_CHECKPOINTS, v.keepCheckpoints(), 1);
        atLeast(out, Flags.THREADS, v.threads(), 0);
        atLeast(out, Flags.EVAL_CROP_PADDING, v.evalCropPadding(), 0);
        // Checked as the float32 the crop sampler computes with, so that a tiny value does not become 0.
        if (!((float) v.minCropArea() > 0 && v.minCropArea() <= 1)) {
            out.add(new Problem(Flags.MIN_CROP_AREA, "--min_crop_area must be in (0, 1] (a fraction of the picture's area; 1 = no random crop), got "
                    + ValueSyntax.formatDouble(v.minCropArea())));
        }
        if (!(v.movingAverageDecay() >= 0 && v.movingAverageDecay() < 1)) {
            out.add(new Problem(Flags.MOVING_AVERAGE_DECAY, "--moving_average_decay must be in [0, 1) (0 turns the average off), got "
                    + ValueSyntax.formatDouble(v.movingAverageDecay())));
        }
        return out;
    }

    /** "--flag 'x' is not one of a, b, c; did you mean b?" */
    static String unknownChoice(Flag flag, String value, List<String> choices) {
        String line = flag.display() + " '" + value + "' is not one of " + String.join(", ", choices);
        return line + Suggestions.didYouMean("", Suggestions.closest(value, choices));
    }

    private static void notEmpty(List<Problem> out, Flag flag, String value) {
        if (value.isBlank()) {
            out.add(new Problem(flag, flag.display() + " must not be empty"));
        }
    }

    private static void atLeast(List<Problem> out, Flag flag, long value, long min) {
        if (value < min) {
            out.add(new Problem(flag, flag.display() + " must be " + (min == 0 ? ">= 0" : "at least " + min) + ", got " + value));
        }
    }

    private static void rate(List<Problem> out, Flag flag, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            out.add(new Problem(flag, flag.display() + " must be a finite number >= 0, got "
                    + ValueSyntax.formatDouble(value)));
        }
    }

    private static void stepwise(List<Problem> out, List<Long> steps, List<Double> levels) {
        Flag stepsFlag = Flags.STEPWISE_LEARNING_RATE_STEPS;
        Flag levelsFlag = Flags.STEPWISE_LEARNING_RATE_LEVELS;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) < 0) {
                out.add(new Problem(stepsFlag, stepsFlag.display() + " must be >= 0, got " + steps.get(i)));
                break;
            }
            if (i > 0 && steps.get(i) <= steps.get(i - 1)) {
                out.add(new Problem(stepsFlag, stepsFlag.display() + " must be strictly increasing, got "
                        + steps.get(i) + " after " + steps.get(i - 1)));
                break;
            }
        }
        for (double level : levels) {
            if (!(level >= 0) || Double.isInfinite(level)) {
                out.add(new Problem(levelsFlag, levelsFlag.display() + " must be finite numbers >= 0, got " + ValueSyntax.formatDouble(level)));
                break;
            }
        }
        if (steps.size() != levels.size()) {
            out.add(new Problem(levelsFlag, stepsFlag.display() + " has " + steps.size() + " entries but "
                    + levelsFlag.display() + " has " + levels.size() + "; give one level per step"));
        }
    }
}
