package dev.imgcls.train.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One class's scores from a {@link ConfusionMatrix}: precision = TP / predicted, recall = TP /
 * support, F1 = their harmonic mean. A ratio with a zero denominator (a class never predicted, or
 * absent from the data) is 0, as scikit-learn's {@code zero_division=0} gives.
 *
 * @param support   images whose actual class is this one
 * @param predicted images predicted as this class
 */
public record ClassMetrics(int classId, long truePositives, long support, long predicted, double precision, double recall, double f1) {

    /** Every class's scores, in class order. */
    public static List<ClassMetrics> of(ConfusionMatrix matrix) {
        List<ClassMetrics> all = new ArrayList<>(matrix.classes());
        for (int c = 0; c < matrix.classes(); c++) {
            long tp = matrix.count(c, c);
            long support = matrix.actual(c);
            long predicted = matrix.predicted(c);
            double precision = ratio(tp, predicted);
            double recall = ratio(tp, support);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            all.add(new ClassMetrics(c, tp, support, predicted, precision, recall, f1));
        }
        return List.copyOf(all);
    }

    /** Whether the class occurs at all, in the data or in the predictions: only those count in a macro average. */
    public boolean seen() {
        return support > 0 || predicted > 0;
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
