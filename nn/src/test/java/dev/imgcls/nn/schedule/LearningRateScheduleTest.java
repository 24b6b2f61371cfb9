package dev.imgcls.nn.schedule;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** seed-spec §2.4 at chosen steps: warm-up, the boundaries, the middle and the end. */
class LearningRateScheduleTest {
    private static final double TOLERANCE = 1e-15;

    @Test
    void warmupRisesLinearlyFromTheWarmupRate() {
        Warmup w = new Warmup(0.01, 100, 0.11);
        assertEquals(0.01, w.at(0), TOLERANCE);
        assertEquals(0.01 + 0.25 * 0.1, w.at(25), TOLERANCE);
        assertEquals(0.01 + 0.99 * 0.1, w.at(99), TOLERANCE);
        assertEquals(0.11, w.at(100), TOLERANCE);
        assertEquals(0.11, w.at(5000), TOLERANCE);
    }

    @Test
    void cosineStartsAtTheInitialRateAfterWarmupAndEndsAtZero() {
        LearningRateSchedule s = new CosineSchedule(new Warmup(0.0, 100, 0.4), 1100);
        assertEquals(0.0, s.at(0), TOLERANCE);
        assertEquals(0.2, s.at(50), TOLERANCE);
        assertEquals(0.4, s.at(100), TOLERANCE);
        assertEquals(0.4 * (Math.cos(Math.PI / 4) + 1) / 2, s.at(350), TOLERANCE);
        assertEquals(0.2, s.at(600), TOLERANCE);
        assertEquals(0.4 * (Math.cos(Math.PI * 0.75) + 1) / 2, s.at(850), TOLERANCE);
        assertEquals(0.4 * (Math.cos(Math.PI * 999 / 1000) + 1) / 2, s.at(1099), TOLERANCE);
        assertEquals(0.0, s.at(1100), TOLERANCE);
        assertEquals(0.0, s.at(2000), "past max_steps the rate stays 0");
    }

    @Test
    void cosineWithoutWarmupAndWithWarmupLastingTheWholeJob() {
        LearningRateSchedule noWarmup = new CosineSchedule(Warmup.none(0.1), 10);
        assertEquals(0.1, noWarmup.at(0), TOLERANCE);
        assertEquals(0.05, noWarmup.at(5), TOLERANCE);
        LearningRateSchedule allWarmup = new CosineSchedule(new Warmup(0, 10, 0.1), 10);
        assertEquals(0.09, allWarmup.at(9), TOLERANCE);
        assertEquals(0.0, allWarmup.at(10));
        LearningRateSchedule noSteps = new CosineSchedule(Warmup.none(0.1), 0);
        assertEquals(0.0, noSteps.at(0));
    }

    @Test
    void stepwiseAppliesEachLevelFromItsStepOn() {
        LearningRateSchedule s = new StepwiseSchedule(new Warmup(0.0067, 50, 0.08), new long[] {100, 200}, new double[] {0.008, 0.0008});
        assertEquals(0.0067, s.at(0), TOLERANCE);
        assertEquals(0.0067 + 0.5 * (0.08 - 0.0067), s.at(25), TOLERANCE);
        assertEquals(0.08, s.at(50));
        assertEquals(0.08, s.at(99));
        assertEquals(0.008, s.at(100));
        assertEquals(0.008, s.at(199));
        assertEquals(0.0008, s.at(200));
        assertEquals(0.0008, s.at(1_000_000));
    }

    @Test
    void aStepwiseLevelInsideTheWarmupOverridesIt() {
        // As TF's tf.where chain does: levels are applied after the warm-up value.
        LearningRateSchedule s = new StepwiseSchedule(new Warmup(0, 100, 1), new long[] {10}, new double[] {0.5});
        assertEquals(0.05, s.at(5), TOLERANCE);
        assertEquals(0.5, s.at(10));
        assertEquals(0.5, s.at(500));
    }

    @Test
    void createPicksTheSchedule() {
        Warmup w = Warmup.none(0.1);
        long[] steps = {3};
        double[] levels = {0.01};
        assertEquals(0.05, LearningRateSchedule.create(DecayType.COSINE, w, 6, steps, levels).at(3), TOLERANCE);
        assertEquals(0.01, LearningRateSchedule.create(DecayType.STEPWISE, w, 6, steps, levels).at(3));
    }

    @Test
    void invalidSchedulesAreRejected() {
        assertEquals("steps has 2 entries but levels has 1; give one level per step",
                assertThrows(IllegalArgumentException.class,
                        () -> new StepwiseSchedule(Warmup.none(1), new long[] {1, 2}, new double[] {0.1})).getMessage());
        assertEquals("steps must be strictly increasing, got 5 then 5",
                assertThrows(IllegalArgumentException.class,
                        () -> new StepwiseSchedule(Warmup.none(1), new long[] {5, 5}, new double[] {0.1, 0.2})).getMessage());
        assertEquals("warmup steps must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> new Warmup(0, -1, 0.1)).getMessage());
        assertEquals("initialRate must be a finite number >= 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> Warmup.none(Double.NaN)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(Warmup.none(1), -1));
    }
}
