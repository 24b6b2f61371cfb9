package dev.imgcls.nn.schedule;

/**
 * Warm-up, then {@code initial·(cos(π·(step − warmup)/(maxSteps − warmup)) + 1)/2}: the initial
 * rate right after warm-up, half of it midway, 0 at {@code maxSteps}. Steps past {@code maxSteps}
 * (never trained, only reported) stay at 0 instead of climbing back up the cosine as TF's formula
 * would; when warm-up lasts the whole job the cosine phase is empty and its rate is 0.
 */
public record CosineSchedule(Warmup warmup, long maxSteps) implements LearningRateSchedule {
    public CosineSchedule {
        if (maxSteps < 0) {
            throw new IllegalArgumentException("max_steps must be >= 0, got " + maxSteps);
        }
    }

    @Override
    public double at(long step) {
        if (warmup.active(step)) {
            return warmup.at(step);
        }
        long span = maxSteps - warmup.steps();
        long into = step - warmup.steps();
        if (span <= 0 || into >= span) {
            return 0;
        }
        return warmup.initialRate() * (Math.cos(Math.PI * into / span) + 1) / 2;
    }
}
