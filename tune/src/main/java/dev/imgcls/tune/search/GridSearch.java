package dev.imgcls.tune.search;

import dev.imgcls.tune.space.Assignment;
import dev.imgcls.tune.space.ParameterValue;
import dev.imgcls.tune.spec.ParameterSpec;
import dev.imgcls.tune.spec.ParameterType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GRID_SEARCH: every combination of the parameters' values, as nested loops in spec order with the LAST parameter
 * varying fastest (an odometer). Each parameter's values run in order: CATEGORICAL as listed, DISCRETE in their
 * (increasing) order, INTEGER from minValue to maxValue. Trial n gets combination n - 1, so a study with fewer
 * trials than combinations covers a prefix of this order, and one with more stops when the grid is exhausted.
 */
public final class GridSearch implements Suggester {
    private final List<ParameterSpec> params;

    public GridSearch(List<ParameterSpec> params) {
        for (ParameterSpec p : params) {
            if (p.type() == ParameterType.DOUBLE) {
                throw new IllegalArgumentException("grid search cannot enumerate DOUBLE parameter '" + p.name() + "'");
            }
        }
        this.params = List.copyOf(params);
    }

    /** The number of combinations, saturating at Long.MAX_VALUE. */
    public long size() {
        long size = 1;
        for (ParameterSpec p : params) {
            long n = valueCount(p);
            size = size > Long.MAX_VALUE / n ? Long.MAX_VALUE : size * n;
        }
        return size;
    }

    /** Combination {@code index} (0-based) of the grid order. */
    public Assignment point(long index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("grid point " + index + " of " + size());
        }
        ParameterValue[] chosen = new ParameterValue[params.size()];
        long rest = index;
        for (int i = params.size() - 1; i >= 0; i--) {
            ParameterSpec p = params.get(i);
            long n = valueCount(p);
            chosen[i] = valueAt(p, rest % n);
            rest /= n;
        }
        Map<String, ParameterValue> values = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            values.put(params.get(i).name(), chosen[i]);
        }
        return new Assignment(values);
    }

    @Override
    public Optional<Assignment> suggest(int trialNumber, List<Observation> completed, List<Assignment> pending) {
        long index = trialNumber - 1L;
        return index < size() ? Optional.of(point(index)) : Optional.empty();
    }

    private static long valueCount(ParameterSpec p) {
        return switch (p.type()) {
            case CATEGORICAL -> p.categoricalValues().size();
            case DISCRETE -> p.discreteValues().size();
            case INTEGER -> (long) p.maxValue() - (long) p.minValue() + 1;
            case DOUBLE -> throw new IllegalStateException("DOUBLE has no grid");
        };
    }

    private static ParameterValue valueAt(ParameterSpec p, long i) {
        return switch (p.type()) {
            case CATEGORICAL -> ParameterValue.of(p.categoricalValues().get((int) i));
            case DISCRETE -> ParameterValue.of(p.discreteValues().get((int) i));
            case INTEGER -> ParameterValue.of((double) ((long) p.minValue() + i));
            case DOUBLE -> throw new IllegalStateException("DOUBLE has no grid");
        };
    }
}
