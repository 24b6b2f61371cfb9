package dev.imgcls.tune.space;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parameter values of one trial, in the spec's parameter order. */
public record Assignment(Map<String, ParameterValue> values) {

    public Assignment {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public ParameterValue get(String name) {
        ParameterValue v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("assignment has no value for '" + name + "'");
        }
        return v;
    }

    public double number(String name) {
        if (get(name) instanceof ParameterValue.Numeric n) {
            return n.value();
        }
        throw new IllegalArgumentException("'" + name + "' is categorical, not numeric");
    }

    public String category(String name) {
        if (get(name) instanceof ParameterValue.Categorical c) {
            return c.value();
        }
        throw new IllegalArgumentException("'" + name + "' is numeric, not categorical");
    }

    /** The trainer arguments that set these values: {@code --name=value}, in spec order. */
    public List<String> toArguments() {
        List<String> args = new ArrayList<>();
        values.forEach((k, v) -> args.add("--" + k + "=" + v.argumentText()));
        return args;
    }

    /** {@code name=value, name=value}, for the console. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        values.forEach((k, v) -> parts.add(k + "=" + v.argumentText()));
        return String.join(", ", parts);
    }
}
