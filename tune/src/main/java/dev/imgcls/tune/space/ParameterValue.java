package dev.imgcls.tune.space;

import dev.imgcls.tune.spec.TextFormat;

/** The value a trial gives one tuned parameter: a number (DOUBLE, INTEGER, DISCRETE) or a category. */
public sealed interface ParameterValue {

    /** The value as it is written on the trainer's command line. */
    String argumentText();

    record Numeric(double value) implements ParameterValue {
        @Override
        public String argumentText() {
            return TextFormat.number(value);
        }
    }

    record Categorical(String value) implements ParameterValue {
        @Override
        public String argumentText() {
            return value;
        }
    }

    static ParameterValue of(double value) {
        return new Numeric(value);
    }

    static ParameterValue of(String value) {
        return new Categorical(value);
    }
}
