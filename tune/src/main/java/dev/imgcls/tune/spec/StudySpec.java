package dev.imgcls.tune.spec;

import java.util.List;

/**
 * A validated hyperparameter-tuning study: AI Platform's {@code trainingInput.hyperparameters} block.
 *
 * @param goal                  MAXIMIZE or MINIMIZE the metric
 * @param metricTag             the metric read from each trial's metric file ({@code hyperparameterMetricTag})
 * @param maxTrials             trials to run in all, failed ones included
 * @param maxParallelTrials     trials running at once
 * @param maxFailedTrials       failed trials after which the study fails; 0 = let the tuner decide
 *                              ({@link #failedTrialLimit()})
 * @param earlyStopping         stop unpromising trials by the median rule ({@code enableTrialEarlyStopping})
 * @param algorithm             how the next trial's parameters are chosen
 * @param params                the tuned parameters, in spec order
 */
public record StudySpec(
        Goal goal,
        String metricTag,
        int maxTrials,
        int maxParallelTrials,
        int maxFailedTrials,
        boolean earlyStopping,
        SearchAlgorithm algorithm,
        List<ParameterSpec> params) {

    public StudySpec {
        params = List.copyOf(params);
    }

    /**
     * Failed trials that fail the study. With {@code maxFailedTrials} unset (0, "the service decides")
     * a fifth of maxTrials, at least 3 (so one bad corner of the space does not end a long study) and at
     * most maxTrials.
     */
    public int failedTrialLimit() {
        if (maxFailedTrials > 0) {
            return maxFailedTrials;
        }
        return Math.min(maxTrials, Math.max(3, maxTrials / 5));
    }

    /** True when the two specs search the same space the same way (the fields that a resume must keep). */
    public boolean sameSearchAs(StudySpec other) {
        return goal == other.goal && metricTag.equals(other.metricTag) && algorithm == other.algorithm
                && params.equals(other.params);
    }

    public ParameterSpec param(String name) {
        for (ParameterSpec p : params) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no tuned parameter named '" + name + "'");
    }
}
