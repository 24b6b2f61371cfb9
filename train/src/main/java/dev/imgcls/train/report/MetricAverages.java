package dev.imgcls.train.report;

import java.util.List;

/**
 * Precision, recall and F1 averaged over classes. Macro: the plain mean over the classes that occur
 * in the data or the predictions (as scikit-learn averages over the labels it finds), so a
 * 1000-class head evaluated on 10 classes is not scored on 990 empty ones. Weighted: the mean
 * weighted by support.
 */
public record MetricAverages(double precision, double recall, double f1) {

    public static MetricAverages macro(List<ClassMetrics> classes) {
        double p = 0;
        double r = 0;
        double f = 0;
        int n = 0;
        for (ClassMetrics c : classes) {
            if (c.seen()) {
                p += c.precision();
                r += c.recall();
                f += c.f1();
                n++;
            }
        }
        return n == 0 ? new MetricAverages(0, 0, 0) : new MetricAverages(p / n, r / n, f / n);
    }

    public static MetricAverages weighted(List<ClassMetrics> classes) {
        double p = 0;
        double r = 0;
        double f = 0;
        long n = 0;
        for (ClassMetrics c : classes) {
            p += c.precision() * c.support();
            r += c.recall() * c.support();
            f += c.f1() * c.support();
            n += c.support();
        }
        return n == 0 ? new MetricAverages(0, 0, 0) : new MetricAverages(p / n, r / n, f / n);
    }
}
