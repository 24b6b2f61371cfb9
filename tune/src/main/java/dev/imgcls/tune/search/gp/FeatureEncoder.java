package dev.imgcls.tune.search.gp;

import dev.imgcls.tune.space.Assignment;
import dev.imgcls.tune.space.ParameterValue;
import dev.imgcls.tune.space.UnitScaling;
import dev.imgcls.tune.spec.ParameterSpec;
import dev.imgcls.tune.spec.ParameterType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Maps assignments to the GP's feature vectors and back. A numeric parameter is one column in [0, 1] on its scale
 * (DISCRETE uses the span of its values); a CATEGORICAL one is one-hot over its values. Each parameter is one
 * length-scale group. Decoding snaps to a feasible value: INTEGER rounds, DISCRETE takes the nearest value on the
 * unit scale, CATEGORICAL the largest column.
 */
public final class FeatureEncoder {
    private final List<ParameterSpec> params;
    private final int[] firstColumn;
    private final int[] groupOfColumn;
    private final int columns;

    public FeatureEncoder(List<ParameterSpec> params) {
        this.params = List.copyOf(params);
        firstColumn = new int[params.size()];
        int c = 0;
        for (int i = 0; i < params.size(); i++) {
            firstColumn[i] = c;
            c += width(params.get(i));
        }
        columns = c;
        groupOfColumn = new int[columns];
        for (int i = 0; i < params.size(); i++) {
            for (int j = 0; j < width(params.get(i)); j++) {
                groupOfColumn[firstColumn[i] + j] = i;
            }
        }
    }

    public int columns() {
        return columns;
    }

    public int groups() {
        return params.size();
    }

    public int[] groupOfColumn() {
        return groupOfColumn.clone();
    }

    public double[] encode(Assignment a) {
        double[] x = new double[columns];
        for (int i = 0; i < params.size(); i++) {
            ParameterSpec p = params.get(i);
            if (p.type() == ParameterType.CATEGORICAL) {
                int k = p.categoricalValues().indexOf(a.category(p.name()));
                if (k < 0) {
                    throw new IllegalArgumentException("'" + a.category(p.name()) + "' is not a value of " + p.name());
                }
                x[firstColumn[i] + k] = 1;
            } else {
                x[firstColumn[i]] = UnitScaling.toUnit(a.number(p.name()), p.lowest(), p.highest(), p.scaleType());
            }
        }
        return x;
    }

    public Assignment decode(double[] x) {
        Map<String, ParameterValue> values = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            ParameterSpec p = params.get(i);
            int c = firstColumn[i];
            values.put(p.name(), switch (p.type()) {
                case CATEGORICAL -> {
                    int best = 0;
                    for (int k = 1; k < p.categoricalValues().size(); k++) {
                        if (x[c + k] > x[c + best]) {
                            best = k;
                        }
                    }
                    yield ParameterValue.of(p.categoricalValues().get(best));
                }
                case DOUBLE -> ParameterValue.of(UnitScaling.fromUnit(x[c], p.minValue(), p.maxValue(), p.scaleType()));
                case INTEGER -> ParameterValue.of(Math.rint(
                        UnitScaling.fromUnit(x[c], p.minValue(), p.maxValue(), p.scaleType())));
                case DISCRETE -> ParameterValue.of(nearestDiscrete(p, x[c]));
            });
        }
        return new Assignment(values);
    }

    /** The feature vector of the feasible point nearest to {@code x}. */
    public double[] project(double[] x) {
        return encode(decode(x));
    }

    /** A uniformly random feasible feature vector. */
    public double[] randomPoint(SplittableRandom rng) {
        double[] x = new double[columns];
        for (int i = 0; i < params.size(); i++) {
            ParameterSpec p = params.get(i);
            if (p.type() == ParameterType.CATEGORICAL) {
                x[firstColumn[i] + rng.nextInt(p.categoricalValues().size())] = 1;
            } else {
                x[firstColumn[i]] = rng.nextDouble();
            }
        }
        return project(x);
    }

    /**
     * A feasible neighbour of {@code x}: Gaussian steps of size {@code step} on numeric columns and, with
     * probability 1 / (number of parameters), a different value of each categorical parameter.
     */
    public double[] neighbour(double[] x, double step, SplittableRandom rng) {
        double[] y = x.clone();
        for (int i = 0; i < params.size(); i++) {
            ParameterSpec p = params.get(i);
            int c = firstColumn[i];
            if (p.type() == ParameterType.CATEGORICAL) {
                if (rng.nextInt(params.size()) == 0) {
                    for (int k = 0; k < p.categoricalValues().size(); k++) {
                        y[c + k] = 0;
                    }
                    y[c + rng.nextInt(p.categoricalValues().size())] = 1;
                }
            } else {
                y[c] = Math.min(1, Math.max(0, y[c] + step * GpHyperparameters.gaussian(rng)));
            }
        }
        return project(y);
    }

    private static double nearestDiscrete(ParameterSpec p, double u) {
        double best = p.discreteValues().get(0);
        double bestDistance = Double.POSITIVE_INFINITY;
        for (double v : p.discreteValues()) {
            double d = Math.abs(UnitScaling.toUnit(v, p.lowest(), p.highest(), p.scaleType()) - u);
            if (d < bestDistance) {
                bestDistance = d;
                best = v;
            }
        }
        return best;
    }

    private static int width(ParameterSpec p) {
        return p.type() == ParameterType.CATEGORICAL ? p.categoricalValues().size() : 1;
    }
}
