package dev.imgcls.nn.schedule;

import java.util.Arrays;

/**
 * Warm-up, then the initial rate; {@code levels[i]} replaces it from step {@code steps[i]} on. As in
 * TF's {@code step_learning_rate_with_linear_warmup}, the levels are applied in order after the
 * warm-up value, so a level whose step falls inside the warm-up overrides the warm-up too.
 */
public final class StepwiseSchedule implements LearningRateSchedule {
    private final Warmup warmup;
    private final long[] steps;
    private final double[] levels;

    public StepwiseSchedule(Warmup warmup, long[] steps, double[] levels) {
        if (steps.length != levels.length) {
            throw new IllegalArgumentException("steps has " + steps.length
                    + " entries but levels has " + levels.length + "; give one level per step");
        }
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] < 0) {
                throw new IllegalArgumentException("steps must be >= 0, got " + steps[i]);
            }
            if (i > 0 && steps[i] <= steps[i - 1]) {
                throw new IllegalArgumentException("steps must be strictly increasing, got "
                        + steps[i - 1] + " then " + steps[i]);
            }
            ScheduleChecks.requireRate("levels", levels[i]);
        }
        this.warmup = warmup;
        this.steps = steps.clone();
        this.levels = levels.clone();
    }

    @Override
    public double at(long step) {
        double rate = warmup.at(step);
        for (int i = 0; i < steps.length; i++) {
            if (step >= steps[i]) {
                rate = levels[i];
            }
        }
        return rate;
    }

    @Override
    public String toString() {
        return "StepwiseSchedule[" + warmup + ", steps=" + Arrays.toString(steps) + ", levels=" + Arrays.toString(levels) + "]";
    }
}
