package dev.imgcls.tune.search;

import dev.imgcls.tune.space.Assignment;
import dev.imgcls.tune.space.ParameterValue;
import dev.imgcls.tune.space.UnitScaling;
import dev.imgcls.tune.spec.ParameterSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws a point of the search space: DOUBLE uniform on its scale (log-uniform for UNIT_LOG_SCALE); INTEGER the
 * same over [min, max + 1) then rounded down, so that on a linear scale every integer is equally likely; DISCRETE
 * and CATEGORICAL one of their values with equal probability.
 */
public final class RandomSampler {
    private RandomSampler() {
    }

    public static Assignment sample(List<ParameterSpec> params, SplittableRandom rng) {
        Map<String, ParameterValue> values = new LinkedHashMap<>();
        for (ParameterSpec p : params) {
            values.put(p.name(), sample(p, rng));
        }
        return new Assignment(values);
    }

    static ParameterValue sample(ParameterSpec p, SplittableRandom rng) {
        return switch (p.type()) {
            case DOUBLE -> ParameterValue.of(UnitScaling.fromUnit(rng.nextDouble(), p.minValue(), p.maxValue(),
                    p.scaleType()));
            case INTEGER -> {
                double x = UnitScaling.fromUnit(rng.nextDouble(), p.minValue(), p.maxValue() + 1, p.scaleType());
                yield ParameterValue.of(Math.min(p.maxValue(), Math.floor(x)));
            }
            case DISCRETE -> ParameterValue.of(p.discreteValues().get(rng.nextInt(p.discreteValues().size())));
            case CATEGORICAL -> ParameterValue.of(p.categoricalValues().get(rng.nextInt(p.categoricalValues().size())));
        };
    }
}
