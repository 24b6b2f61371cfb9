package dev.imgcls.tune.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imgcls.tune.spec.ScaleType;
import org.junit.jupiter.api.Test;

class UnitScalingTest {

    @Test
    void everyScaleMapsTheEndsToZeroAndOneAndInvertsExactlyEnough() {
        for (ScaleType s : ScaleType.values()) {
            double min = 0.003;
            double max = 7.5;
            assertEquals(0, UnitScaling.toUnit(min, min, max, s), 1e-12, s.name());
            assertEquals(1, UnitScaling.toUnit(max, min, max, s), 1e-12, s.name());
            for (double u = 0; u <= 1; u += 0.0625) {
                double x = UnitScaling.fromUnit(u, min, max, s);
                assertTrue(x >= min && x <= max, s + " " + x);
                assertEquals(u, UnitScaling.toUnit(x, min, max, s), 1e-9, s + " at " + u);
            }
        }
    }

    @Test
    void logScaleSpendsEqualUnitLengthOnEachDecade() {
        assertEquals(0.25, UnitScaling.toUnit(1e-3, 1e-4, 1, ScaleType.UNIT_LOG_SCALE), 1e-12);
        assertEquals(0.5, UnitScaling.toUnit(1e-2, 1e-4, 1, ScaleType.UNIT_LOG_SCALE), 1e-12);
        assertEquals(0.5, UnitScaling.toUnit(0.5, 0, 1, ScaleType.UNIT_LINEAR_SCALE), 1e-12);
    }

    @Test
    void reverseLogScaleIsTheLogScaleMirrored() {
        // reverse-log of x on [min, max] is 1 - log-scale of (max + min - x): dense near max.
        double min = 0.01;
        double max = 1;
        for (double x : new double[] {0.02, 0.5, 0.9, 0.99}) {
            double mirrored = 1 - UnitScaling.toUnit(max + min - x, min, max, ScaleType.UNIT_LOG_SCALE);
            assertEquals(mirrored, UnitScaling.toUnit(x, min, max, ScaleType.UNIT_REVERSE_LOG_SCALE), 1e-12);
        }
        assertTrue(UnitScaling.toUnit(0.9, min, max, ScaleType.UNIT_REVERSE_LOG_SCALE) < 0.6,
                "0.9 of [0.01, 1] is in the lower part of the unit interval, leaving the rest to values near 1");
    }

    @Test
    void aSinglePointRangeMapsToZeroAndBack() {
        assertEquals(0, UnitScaling.toUnit(5, 5, 5, ScaleType.UNIT_LOG_SCALE));
        assertEquals(5, UnitScaling.fromUnit(0.7, 5, 5, ScaleType.UNIT_LINEAR_SCALE));
    }
}
