package dev.imgcls.train.testing;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the data-parallel tests compare two runs' final tensors (variables and optimizer slots by name). */
public final class WeightComparisons {
    private WeightComparisons() {
    }

    /** Every element of every tensor within {@code tolerance} of its expected tensor's largest magnitude. */
    public static void assertWithinScale(Map<String, float[]> expected, Map<String, float[]> actual, double tolerance, String what) {
        for (Map.Entry<String, float[]> entry : expected.entrySet()) {
            float[] e = entry.getValue();
            float[] a = actual.get(entry.getKey());
            double scale = 0;
            for (float v : e) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < e.length; i++) {
                assertEquals(e[i], a[i], tolerance * scale, what + ": " + entry.getKey() + "[" + i + "]");
            }
        }
    }

    /** ‖a − e‖ / ‖e‖ over the model variables (momentum slots left out), as one vector. */
    public static double relativeDistance(Map<String, float[]> expected, Map<String, float[]> actual) {
        double norm = 0;
        double distance = 0;
        for (Map.Entry<String, float[]> entry : expected.entrySet()) {
            if (entry.getKey().endsWith("/Momentum")) {
                continue;
            }
            float[] e = entry.getValue();
            float[] a = actual.get(entry.getKey());
            for (int i = 0; i < e.length; i++) {
                norm += (double) e[i] * e[i];
                distance += ((double) e[i] - a[i]) * ((double) e[i] - a[i]);
            }
        }
        return Math.sqrt(distance / norm);
    }
}
