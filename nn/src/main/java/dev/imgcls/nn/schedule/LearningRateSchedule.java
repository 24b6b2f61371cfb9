package dev.imgcls.nn.schedule;

/**
 * The learning rate as a function of the global step. The step is the number of updates already
 * applied (TF's {@code global_step} read before the update): the first training step uses
 * {@code at(0)}.
 */
@FunctionalInterface
public interface LearningRateSchedule {
    double at(long step);

    /**
     * The schedule for a configuration's values. The stepwise lists are ignored by cosine decay,
     * as the reference page says.
     */
    static LearningRateSchedule create(DecayType type, Warmup warmup, long maxSteps, long[] stepwiseSteps, double[] stepwiseLevels) {
        return switch (type) {
            case COSINE -> new CosineSchedule(warmup, maxSteps);
            case STEPWISE -> new StepwiseSchedule(warmup, stepwiseSteps, stepwiseLevels);
        };
    }
}
