package dev.imgcls.tune.spec;

import java.util.List;

/**
 * One entry of the spec's {@code params}: a training argument to tune and its feasible values.
 *
 * @param name              the training argument, e.g. {@code initial_learning_rate}
 * @param type              DOUBLE, INTEGER, CATEGORICAL or DISCRETE
 * @param minValue          lower bound for DOUBLE and INTEGER, else NaN
 * @param maxValue          upper bound for DOUBLE and INTEGER, else NaN
 * @param categoricalValues the choices of a CATEGORICAL parameter, else empty
 * @param discreteValues    the increasing values of a DISCRETE parameter, else empty
 * @param scaleType         how numeric values map onto the unit interval (NONE when unset)
 */
public record ParameterSpec(
        String name,
        ParameterType type,
        double minValue,
        double maxValue,
        List<String> categoricalValues,
        List<Double> discreteValues,
        ScaleType scaleType) {

    public ParameterSpec {
        categoricalValues = List.copyOf(categoricalValues);
        discreteValues = List.copyOf(discreteValues);
    }

    public static ParameterSpec ofDouble(String name, double min, double max, ScaleType scale) {
        return new ParameterSpec(name, ParameterType.DOUBLE, min, max, List.of(), List.of(), scale);
    }

    public static ParameterSpec ofInteger(String name, long min, long max, ScaleType scale) {
        return new ParameterSpec(name, ParameterType.INTEGER, min, max, List.of(), List.of(), scale);
    }

    public static ParameterSpec ofCategorical(String name, List<String> values) {
        return new ParameterSpec(name, ParameterType.CATEGORICAL, Double.NaN, Double.NaN, values, List.of(),
                ScaleType.NONE);
    }

    public static ParameterSpec ofDiscrete(String name, List<Double> values, ScaleType scale) {
        return new ParameterSpec(name, ParameterType.DISCRETE, Double.NaN, Double.NaN, List.of(), values, scale);
    }

    /** The smallest feasible numeric value (the first discrete value for DISCRETE). */
    public double lowest() {
        return type == ParameterType.DISCRETE ? discreteValues.get(0) : minValue;
    }

    /** The largest feasible numeric value (the last discrete value for DISCRETE). */
    public double highest() {
        return type == ParameterType.DISCRETE ? discreteValues.get(discreteValues.size() - 1) : maxValue;
    }
}
