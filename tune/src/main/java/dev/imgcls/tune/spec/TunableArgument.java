package dev.imgcls.tune.spec;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A training argument that a study may tune, with the values the trainer accepts for it.
 *
 * @param name          the argument's name on the trainer's command line
 * @param kind          what kind of value it takes, which decides the parameter types allowed
 * @param lowest        smallest accepted number (REAL and INTEGER)
 * @param highest       largest accepted number (REAL and INTEGER)
 * @param highestIncluded whether {@code highest} itself is accepted
 * @param choices       the accepted strings of a CHOICE argument
 * @param textCheck     for TEXT: a problem with a value, or empty when it is well formed
 */
public record TunableArgument(
        String name,
        Kind kind,
        double lowest,
        double highest,
        boolean highestIncluded,
        List<String> choices,
        Function<String, Optional<String>> textCheck) {

    /** The kinds of training argument and the parameter types that can tune them. */
    public enum Kind {
        REAL(List.of(ParameterType.DOUBLE, ParameterType.DISCRETE)),
        INTEGER(List.of(ParameterType.INTEGER, ParameterType.DISCRETE)),
        CHOICE(List.of(ParameterType.CATEGORICAL)),
        TEXT(List.of(ParameterType.CATEGORICAL));

        private final List<ParameterType> allowedTypes;

        Kind(List<ParameterType> allowedTypes) {
            this.allowedTypes = allowedTypes;
        }

        public List<ParameterType> allowedTypes() {
            return allowedTypes;
        }
    }

    public TunableArgument {
        choices = List.copyOf(choices);
    }

    public static TunableArgument real(String name, double lowest, double highest, boolean highestIncluded) {
        return new TunableArgument(name, Kind.REAL, lowest, highest, highestIncluded, List.of(), v -> Optional.empty());
    }

    public static TunableArgument integer(String name, long lowest) {
        return new TunableArgument(name, Kind.INTEGER, lowest, Double.POSITIVE_INFINITY, true, List.of(),
                v -> Optional.empty());
    }

    public static TunableArgument choice(String name, List<String> choices) {
        return new TunableArgument(name, Kind.CHOICE, Double.NaN, Double.NaN, false, choices, v -> Optional.empty());
    }

    public static TunableArgument text(String name, Function<String, Optional<String>> check) {
        return new TunableArgument(name, Kind.TEXT, Double.NaN, Double.NaN, false, List.of(), check);
    }

    /** True when a number is inside this argument's accepted range. */
    public boolean accepts(double value) {
        return value >= lowest && (highestIncluded ? value <= highest : value < highest);
    }

    /** The accepted range in interval notation, for messages: {@code [0, 1)}, {@code [1, inf)}. */
    public String rangeText() {
        String hi = Double.isInfinite(highest) ? "inf)" : TextFormat.number(highest) + (highestIncluded ? "]" : ")");
        return "[" + TextFormat.number(lowest) + ", " + hi;
    }
}
