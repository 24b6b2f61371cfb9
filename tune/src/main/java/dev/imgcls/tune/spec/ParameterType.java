package dev.imgcls.tune.spec;

/** The {@code type} of one tuned parameter, as AI Platform names it. */
public enum ParameterType {
    /** A real number in [minValue, maxValue]. */
    DOUBLE,
    /** A whole number in [minValue, maxValue]. */
    INTEGER,
    /** One of a list of strings. */
    CATEGORICAL,
    /** One of an increasing list of numbers. */
    DISCRETE;

    public boolean isNumeric() {
        return this != CATEGORICAL;
    }
}
