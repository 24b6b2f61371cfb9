package dev.imgcls.train.metrics;

/**
 * Keeps the best evaluation by one objective, higher is better. A tie goes to the newer
 * evaluation ({@code new >= best}, as the EfficientNet reference's {@code archive_ckpt} decides), so
 * of equally accurate models the one trained longer is kept. NaN never counts as best.
 */
public final class BestMetricTracker {
    private final String objective;
    private MetricsSnapshot best;

    public BestMetricTracker(String objective) {
        this.objective = objective;
    }

    public String objective() {
        return objective;
    }

    /** Records an evaluation; true if it is the new best (export it). */
    public boolean offer(MetricsSnapshot snapshot) {
        double value = snapshot.get(objective);
        if (Double.isNaN(value)) {
            return false;
        }
        if (best == null || value >= best.get(objective)) {
            best = snapshot;
            return true;
        }
        return false;
    }

    /** The best so far, or null before any evaluation. */
    public MetricsSnapshot best() {
        return best;
    }

    /** Sets the best of an earlier run (read back when resuming), without comparing. */
    public void restore(MetricsSnapshot previousBest) {
        previousBest.get(objective);
        this.best = previousBest;
    }
}
