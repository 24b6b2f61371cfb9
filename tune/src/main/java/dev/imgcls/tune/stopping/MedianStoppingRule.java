package dev.imgcls.tune.stopping;

import dev.imgcls.tune.spec.Goal;
import dev.imgcls.tune.study.MetricPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Vizier's median stopping rule: a running trial that has reached step s is stopped when its best value so far
 * is strictly worse than the median, over completed trials, of each one's running average of the values it
 * reported up to step s.
 *
 * <p>Only trials that finished normally (SUCCEEDED) count as completed, and only those that had reported by step
 * s; with fewer than {@link #minCompletedTrials} of them the rule says nothing, since a median of one or two
 * curves is noise. Averages rather than bests make the bar forgiving: a trial is stopped only when even its best
 * falls short of what a typical finished trial averaged at that point.
 */
public final class MedianStoppingRule {
    /** The default number of comparable completed trials the rule needs. */
    public static final int DEFAULT_MIN_COMPLETED = 3;

    private final Goal goal;
    private final int minCompletedTrials;

    public MedianStoppingRule(Goal goal, int minCompletedTrials) {
        if (minCompletedTrials < 1) {
            throw new IllegalArgumentException("minCompletedTrials must be at least 1, got " + minCompletedTrials);
        }
        this.goal = goal;
        this.minCompletedTrials = minCompletedTrials;
    }

    /**
     * Whether to stop a running trial with the reported history {@code running}, given the histories of completed
     * trials.
     */
    public boolean shouldStop(List<MetricPoint> running, List<List<MetricPoint>> completed) {
        if (running.isEmpty()) {
            return false;
        }
        long step = 0;
        double best = goal == Goal.MAXIMIZE ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (MetricPoint p : running) {
            step = Math.max(step, p.step());
            if (goal.isBetter(p.value(), best)) {
                best = p.value();
            }
        }
        List<Double> averages = new ArrayList<>();
        for (List<MetricPoint> history : completed) {
            double sum = 0;
            int count = 0;
            for (MetricPoint p : history) {
                if (p.step() <= step) {
                    sum += p.value();
                    count++;
                }
            }
            if (count > 0) {
                averages.add(sum / count);
            }
        }
        if (averages.size() < minCompletedTrials) {
            return false;
        }
        return goal.isBetter(median(averages), best);
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
}
