package dev.imgcls.tune.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imgcls.tune.space.Assignment;
import dev.imgcls.tune.space.UnitScaling;
import dev.imgcls.tune.spec.Goal;
import dev.imgcls.tune.spec.ParameterSpec;
import dev.imgcls.tune.spec.ScaleType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianProcessBanditTest {
    private static final List<ParameterSpec> PARAMS = List.of(
            ParameterSpec.ofDouble("initial_learning_rate", 1e-4, 1, ScaleType.UNIT_LOG_SCALE),
            ParameterSpec.ofDouble("label_smoothing", 0, 0.9, ScaleType.UNIT_LINEAR_SCALE),
            ParameterSpec.ofInteger("max_steps", 1, 40, ScaleType.UNIT_LINEAR_SCALE));

    /**
     * A shifted quadratic bowl (maximum 1 at learning rate 3e-3, smoothing 0.6, 27 steps), measured in the
     * parameters' own scales, the way accuracy depends on the log of a learning rate.
     */
    private static double objective(Assignment a) {
        double u = UnitScaling.toUnit(a.number("initial_learning_rate"), 1e-4, 1, ScaleType.UNIT_LOG_SCALE);
        double lr = (u - UnitScaling.toUnit(3e-3, 1e-4, 1, ScaleType.UNIT_LOG_SCALE)) / 0.4;
        double smoothing = (a.number("label_smoothing") - 0.6) / 0.5;
        double steps = (a.number("max_steps") - 27) / 25;
        return 1 - lr * lr - smoothing * smoothing - steps * steps;
    }

    /** The best true value among a study's first {@code trials} trials, observed with noise. */
    private static double bestAfter(Suggester suggester, int trials, long noiseSeed) {
        SplittableRandom noise = new SplittableRandom(noiseSeed);
        List<Observation> observed = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (int t = 1; t <= trials; t++) {
            Assignment a = suggester.suggest(t, observed, List.of()).orElseThrow();
            double truth = objective(a);
            best = Math.max(best, truth);
            observed.add(new Observation(a, truth + 0.02 * GpTestNoise.gaussian(noise)));
        }
        return best;
    }

    @Test
    void beatsRandomSearchOnANoisyQuadraticOverTenSeeds() {
        int seeds = 10;
        double gpRegret = 0;
        double randomRegret = 0;
        int gpWins = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            double gp = bestAfter(new GaussianProcessBandit(PARAMS, Goal.MAXIMIZE, 1, seed), 15, seed);
            double random = bestAfter(new RandomSearch(PARAMS, seed), 15, seed);
            gpRegret += (1 - gp) / seeds;
            randomRegret += (1 - random) / seeds;
            gpWins += gp > random ? 1 : 0;
        }
        assertTrue(gpRegret < 0.5 * randomRegret, "mean regret after 15 trials: GP " + gpRegret + ", random "
                + randomRegret);
        assertTrue(gpWins >= 7, "GP better than random on " + gpWins + " of 10 seeds");
    }

    @Test
    void minimizingFindsTheBottomOfTheBowl() {
        GaussianProcessBandit bandit = new GaussianProcessBandit(PARAMS, Goal.MINIMIZE, 1, 4);
        List<Observation> observed = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (int t = 1; t <= 15; t++) {
            Assignment a = bandit.suggest(t, observed, List.of()).orElseThrow();
            double loss = -objective(a);
            best = Math.min(best, loss);
            observed.add(new Observation(a, loss));
        }
        assertTrue(best < -0.8, "best loss " + best);
    }

    @Test
    void isDeterministicForASeedAndHistory() {
        List<Observation> observed = new ArrayList<>();
        RandomSearch random = new RandomSearch(PARAMS, 9);
        for (int t = 1; t <= 6; t++) {
            Assignment a = random.suggest(t, List.of(), List.of()).orElseThrow();
            observed.add(new Observation(a, objective(a)));
        }
        Assignment first = new GaussianProcessBandit(PARAMS, Goal.MAXIMIZE, 1, 5).suggest(7, observed, List.of())
                .orElseThrow();
        Assignment again = new GaussianProcessBandit(PARAMS, Goal.MAXIMIZE, 1, 5).suggest(7, observed, List.of())
                .orElseThrow();
        assertEquals(first, again);
        Assignment otherSeed = new GaussianProcessBandit(PARAMS, Goal.MAXIMIZE, 1, 6).suggest(7, observed, List.of())
                .orElseThrow();
        assertNotEquals(first, otherSeed);
    }

    @Test
    void aParallelBatchSpreadsOutInsteadOfRepeatingThePendingTrials() {
        List<Observation> observed = new ArrayList<>();
        RandomSearch random = new RandomSearch(PARAMS, 2);
        for (int t = 1; t <= 8; t++) {
            Assignment a = random.suggest(t, List.of(), List.of()).orElseThrow();
            observed.add(new Observation(a, objective(a)));
        }
        GaussianProcessBandit bandit = new GaussianProcessBandit(PARAMS, Goal.MAXIMIZE, 4, 3);
        List<Assignment> pending = new ArrayList<>();
        for (int t = 9; t <= 12; t++) {
            Assignment a = bandit.suggest(t, observed, pending).orElseThrow();
            for (Assignment p : pending) {
                assertTrue(distance(a, p) > 0.05, "trial " + t + " " + a + " is too close to pending " + p);
            }
            pending.add(a);
        }
        assertEquals(4, new HashSet<>(pending).size());
    }

    @Test
    void handlesCategoricalAndDiscreteParameters() {
        List<ParameterSpec> params = List.of(
                ParameterSpec.ofCategorical("optimizer_type", List.of("momentum", "adam", "rmsprop")),
                ParameterSpec.ofDiscrete("image_size", List.of(96.0, 128.0, 192.0, 224.0), ScaleType.NONE),
                ParameterSpec.ofDouble("weight_decay", 1e-5, 1e-2, ScaleType.UNIT_LOG_SCALE));
        GaussianProcessBandit bandit = new GaussianProcessBandit(params, Goal.MAXIMIZE, 1, 8);
        List<Observation> observed = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (int t = 1; t <= 14; t++) {
            Assignment a = bandit.suggest(t, observed, List.of()).orElseThrow();
            assertTrue(params.get(1).discreteValues().contains(a.number("image_size")));
            double wd = Math.log10(a.number("weight_decay")) + 3.5;
            double value = (a.category("optimizer_type").equals("adam") ? 0.3 : 0)
                    - Math.abs(a.number("image_size") - 192) / 200 - wd * wd / 10;
            best = Math.max(best, value);
            observed.add(new Observation(a, value));
        }
        assertTrue(best > 0.2, "found adam at 192 px: best " + best);
    }

    private static double distance(Assignment a, Assignment b) {
        double d = 0;
        for (ParameterSpec p : PARAMS) {
            double ua = UnitScaling.toUnit(a.number(p.name()), p.minValue(), p.maxValue(), p.scaleType());
            double ub = UnitScaling.toUnit(b.number(p.name()), p.minValue(), p.maxValue(), p.scaleType());
            d += (ua - ub) * (ua - ub);
        }
        return Math.sqrt(d);
    }
}
