package dev.imgcls.train.loop;

import dev.imgcls.train.metrics.MetricsSnapshot;

/**
 * How a training job ended.
 *
 * @param startStep the global step it started (or resumed) at
 * @param finalStep the global step it ended at
 * @param finalMetrics the last evaluation; null when the job stopped early ({@link StopRequest}) before evaluating
 * @param best the best evaluation of the whole job (earlier runs included), whose model is in {@code model/}
 * @param trainingSeconds wall time of this run, evaluations included
 */
public record JobReport(JobPaths paths, long startStep, long finalStep, MetricsSnapshot finalMetrics, MetricsSnapshot best,
                        double trainingSeconds) {
    /** Whether the job reached max_steps (rather than stopping early). */
    public boolean completed(long maxSteps) {
        return finalStep >= maxSteps;
    }
}
