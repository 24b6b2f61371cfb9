package dev.imgcls.tune.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imgcls.tune.space.Assignment;
import dev.imgcls.tune.spec.ParameterSpec;
import dev.imgcls.tune.spec.ScaleType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RandomSearchTest {
    private static final int N = 8000;

    private static double[] draw(ParameterSpec p, long seed) {
        RandomSearch search = new RandomSearch(List.of(p), seed);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = search.suggest(i + 1, List.of(), List.of()).orElseThrow().number(p.name());
        }
        return x;
    }

    private static double fraction(double[] x, java.util.function.DoublePredicate p) {
        return (double) java.util.Arrays.stream(x).filter(p).count() / x.length;
    }

    @Test
    void logScaleIsUniformInTheExponent() {
        double[] x = draw(ParameterSpec.ofDouble("lr", 1e-4, 1, ScaleType.UNIT_LOG_SCALE), 3);
        double meanExponent = 0;
        for (double v : x) {
            assertTrue(v >= 1e-4 && v <= 1);
            meanExponent += Math.log10(v) / N;
        }
        // log10 x ~ U(-4, 0): mean -2, and a quarter of the draws in each decade.
        assertEquals(-2, meanExponent, 0.05);
        for (int d = -4; d < 0; d++) {
            double lo = Math.pow(10, d);
            double hi = Math.pow(10, d + 1);
            assertEquals(0.25, fraction(x, v -> v >= lo && v < hi), 0.025, "decade 1e" + d);
        }
    }

    @Test
    void linearScaleIsUniformInTheValue() {
        double[] x = draw(ParameterSpec.ofDouble("lr", 1e-4, 1, ScaleType.UNIT_LINEAR_SCALE), 3);
        assertEquals(0.5, fraction(x, v -> v < 0.5), 0.025);
        assertTrue(fraction(x, v -> v < 1e-2) < 0.02, "a linear scale almost never goes below 1e-2");
    }

    @Test
    void reverseLogScaleCrowdsTheTopOfTheRange() {
        double min = 0.01;
        double max = 1;
        double[] x = draw(ParameterSpec.ofDouble("decay", min, max, ScaleType.UNIT_REVERSE_LOG_SCALE), 5);
        // (max + min - x) is log-uniform on [min, max], so half the draws have it below sqrt(min * max) = 0.1.
        assertEquals(0.5, fraction(x, v -> max + min - v < 0.1), 0.025);
        assertTrue(fraction(x, v -> v > 0.9) > 0.45);
    }

    @Test
    void integersAreEquallyLikelyOnALinearScaleAndLogUniformOnALogScale() {
        double[] linear = draw(ParameterSpec.ofInteger("n", 1, 5, ScaleType.UNIT_LINEAR_SCALE), 7);
        for (int k = 1; k <= 5; k++) {
            final int value = k;
            assertEquals(0.2, fraction(linear, v -> v == value), 0.02, "value " + k);
        }
        double[] log = draw(ParameterSpec.ofInteger("n", 1, 1000, ScaleType.UNIT_LOG_SCALE), 7);
        for (double v : log) {
            assertEquals(Math.rint(v), v);
            assertTrue(v >= 1 && v <= 1000);
        }
        // Log-uniform over [1, 1001): P(n <= 31) = log 32 / log 1001.
        assertEquals(Math.log(32) / Math.log(1001), fraction(log, v -> v <= 31), 0.025);
    }

    @Test
    void categoriesAndDiscreteValuesAreEquallyLikely() {
        RandomSearch search = new RandomSearch(List.of(
                ParameterSpec.ofCategorical("optimizer_type", List.of("momentum", "adam", "rmsprop")),
                ParameterSpec.ofDiscrete("max_steps", List.of(10.0, 20.0), ScaleType.UNIT_LOG_SCALE)), 11);
        Map<String, Integer> counts = new HashMap<>();
        int ten = 0;
        for (int i = 1; i <= 3000; i++) {
            Assignment a = search.suggest(i, List.of(), List.of()).orElseThrow();
            counts.merge(a.category("optimizer_type"), 1, Integer::sum);
            ten += a.number("max_steps") == 10 ? 1 : 0;
        }
        for (int c : counts.values()) {
            assertEquals(1000, c, 90);
        }
        assertEquals(1500, ten, 120);
    }

    @Test
    void suggestionsDependOnlyOnSeedAndTrialNumber() {
        List<ParameterSpec> params = List.of(ParameterSpec.ofDouble("lr", 1e-4, 1, ScaleType.UNIT_LOG_SCALE));
        RandomSearch a = new RandomSearch(params, 42);
        RandomSearch b = new RandomSearch(params, 42);
        b.suggest(1, List.of(), List.of());
        assertEquals(a.suggest(9, List.of(), List.of()), b.suggest(9, List.of(), List.of()));
        assertNotEquals(a.suggest(9, List.of(), List.of()), a.suggest(10, List.of(), List.of()));
        assertNotEquals(a.suggest(9, List.of(), List.of()), new RandomSearch(params, 43).suggest(9, List.of(), List.of()));
    }
}
