package dev.imgcls.nn.schedule;

/**
 * The linear warm-up both schedules start with: {@code warmupRate + step/steps·(initialRate −
 * warmupRate)} while {@code step < steps}, then {@code initialRate}. With {@code steps = 0} there is
 * no warm-up.
 */
public record Warmup(double warmupRate, long steps, double initialRate) {
    public Warmup {
        ScheduleChecks.requireRate("warmupRate", warmupRate);
        ScheduleChecks.requireRate("initialRate", initialRate);
        if (steps < 0) {
            throw new IllegalArgumentException("warmup steps must be >= 0, got " + steps);
        }
    }

    /** No warm-up: the initial rate from step 0. */
    public static Warmup none(double initialRate) {
        return new Warmup(0, 0, initialRate);
    }

    public boolean active(long step) {
        return step < steps;
    }

    /** The warm-up rate while {@link #active}, else the initial rate. */
    public double at(long step) {
        if (!active(step)) {
            return initialRate;
        }
        return warmupRate + (double) step / steps * (initialRate - warmupRate);
    }
}
