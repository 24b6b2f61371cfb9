package dev.imgcls.train.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics of one evaluation ({@code top_1_accuracy}, {@code top_5_accuracy}, {@code loss}, …)
 * at a global step. Names are kept sorted.
 */
public record MetricsSnapshot(long globalStep, Map<String, Double> values) {
    public MetricsSnapshot {
        if (globalStep < 0) {
            throw new IllegalArgumentException("global step must be >= 0, got " + globalStep);
        }
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** A metric's value; an error naming the metrics there are if it is missing. */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no metric '" + name + "' at step " + globalStep + "; have " + values.keySet());
        }
        return v;
    }
}
