package dev.imgcls.tune.stopping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imgcls.tune.spec.Goal;
import dev.imgcls.tune.study.MetricPoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MedianStoppingRuleTest {

    /** An accuracy curve rising towards {@code plateau}, reported every 100 steps up to {@code lastStep}. */
    private static List<MetricPoint> curve(double plateau, long lastStep) {
        List<MetricPoint> points = new ArrayList<>();
        for (long s = 100; s <= lastStep; s += 100) {
            points.add(new MetricPoint(s, plateau * (1 - Math.exp(-s / 300.0))));
        }
        return points;
    }

    private static final List<List<MetricPoint>> COMPLETED = List.of(
            curve(0.80, 1000), curve(0.85, 1000), curve(0.90, 1000), curve(0.75, 1000));

    @Test
    void stopsAClearlyBadTrialAndNotAGoodOne() {
        MedianStoppingRule rule = new MedianStoppingRule(Goal.MAXIMIZE, 3);
        assertTrue(rule.shouldStop(curve(0.2, 500), COMPLETED), "a trial heading for 0.2 is stopped at step 500");
        assertFalse(rule.shouldStop(curve(0.88, 500), COMPLETED), "a trial heading for 0.88 goes on");
    }

    @Test
    void comparesWithRunningAveragesUpToTheSameStep() {
        // At step 200 the completed trials average (a(100) + a(200)) / 2 of their own curves; a trial whose best
        // is just above the median of those averages (though far below the completed trials' final accuracy)
        // must not be stopped.
        List<Double> averages = new ArrayList<>();
        for (List<MetricPoint> c : COMPLETED) {
            averages.add((c.get(0).value() + c.get(1).value()) / 2);
        }
        double median = MedianStoppingRule.median(averages);
        MedianStoppingRule rule = new MedianStoppingRule(Goal.MAXIMIZE, 3);
        assertFalse(rule.shouldStop(List.of(new MetricPoint(100, 0.1), new MetricPoint(200, median + 1e-3)), COMPLETED));
        assertTrue(rule.shouldStop(List.of(new MetricPoint(100, 0.1), new MetricPoint(200, median - 1e-3)), COMPLETED));
    }

    @Test
    void saysNothingWithoutEnoughComparableCompletedTrials() {
        MedianStoppingRule rule = new MedianStoppingRule(Goal.MAXIMIZE, 3);
        assertFalse(rule.shouldStop(curve(0.01, 500), COMPLETED.subList(0, 2)), "two completed trials are too few");
        List<List<MetricPoint>> lateReporters = List.of(
                List.of(new MetricPoint(900, 0.9)), List.of(new MetricPoint(900, 0.9)),
                List.of(new MetricPoint(900, 0.9)));
        assertFalse(rule.shouldStop(curve(0.01, 500), lateReporters), "nobody had reported by step 500");
        assertFalse(rule.shouldStop(List.of(), COMPLETED), "a trial that reported nothing has nothing to judge");
    }

    @Test
    void minimizingStopsTrialsAboveTheMedian() {
        MedianStoppingRule rule = new MedianStoppingRule(Goal.MINIMIZE, 3);
        List<List<MetricPoint>> losses = List.of(
                List.of(new MetricPoint(10, 1.0), new MetricPoint(20, 0.5)),
                List.of(new MetricPoint(10, 1.2), new MetricPoint(20, 0.6)),
                List.of(new MetricPoint(10, 0.8), new MetricPoint(20, 0.4)));
        assertTrue(rule.shouldStop(List.of(new MetricPoint(10, 3.0), new MetricPoint(20, 2.0)), losses));
        assertFalse(rule.shouldStop(List.of(new MetricPoint(10, 0.9), new MetricPoint(20, 0.3)), losses));
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertEquals(2, MedianStoppingRule.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, MedianStoppingRule.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertThrows(IllegalArgumentException.class, () -> new MedianStoppingRule(Goal.MAXIMIZE, 0));
    }
}
