package dev.imgcls.tune.run;

import java.time.Duration;

/**
 * How the study runner drives trials.
 *
 * @param pollInterval    how often running trials' processes and metric files are checked
 * @param stopGrace       how long a stopped trial may take to exit after SIGTERM before it is killed
 * @param threadsPerTrial the {@code --threads} value each trial gets (the study's threads divided among the
 *                        parallel trials)
 * @param errorLines      how many last lines of a failed trial's log become its error
 */
public record RunnerSettings(Duration pollInterval, Duration stopGrace, int threadsPerTrial, int errorLines) {

    public RunnerSettings {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, got " + pollInterval);
        }
        if (threadsPerTrial < 1) {
            throw new IllegalArgumentException("threadsPerTrial must be at least 1, got " + threadsPerTrial);
        }
    }

    /** The study's threads divided evenly among {@code parallelTrials}, at least one each. */
    public static int threadsPerTrial(int threads, int parallelTrials) {
        return Math.max(1, threads / Math.max(1, parallelTrials));
    }
}
