package dev.imgcls.tune.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The value rules of a study spec: those the tuning service enforces (counts, ranges, scales, grid search over
 * finite spaces, sorted discrete values) and those of this trainer (which arguments are tunable and which values
 * each accepts, the metric it reports).
 */
public final class StudySpecValidator {
    private StudySpecValidator() {
    }

    /** Every problem with the spec; empty when it is valid. */
    public static List<String> validate(StudySpec spec, Map<String, TunableArgument> tunables) {
        List<String> problems = new ArrayList<>();
        checkStudy(spec, problems);
        Set<String> seen = new HashSet<>();
        for (ParameterSpec p : spec.params()) {
            String where = "params (" + p.name() + "): ";
            if (!seen.add(p.name())) {
                problems.add(where + "parameterName '" + p.name() + "' appears more than once");
                continue;
            }
            List<String> own = new ArrayList<>();
            checkParameter(p, own);
            TunableArgument argument = tunables.get(p.name());
            if (argument == null) {
                own.add("'" + p.name() + "' is not a tunable argument of this algorithm; tunable arguments: "
                        + String.join(", ", tunables.keySet()));
            } else if (own.isEmpty()) {
                checkAgainstArgument(p, argument, own);
            }
            if (spec.algorithm() == SearchAlgorithm.GRID_SEARCH && p.type() == ParameterType.DOUBLE) {
                own.add("GRID_SEARCH needs a finite space: use INTEGER, CATEGORICAL or DISCRETE instead of DOUBLE");
            }
            for (String o : own) {
                problems.add(where + o);
            }
        }
        return problems;
    }

    private static void checkStudy(StudySpec spec, List<String> problems) {
        if (spec.maxTrials() < 1) {
            problems.add("maxTrials must be at least 1, got " + spec.maxTrials());
        }
        if (spec.maxParallelTrials() < 1) {
            problems.add("maxParallelTrials must be at least 1, got " + spec.maxParallelTrials());
        } else if (spec.maxParallelTrials() > spec.maxTrials() && spec.maxTrials() >= 1) {
            problems.add("maxParallelTrials (" + spec.maxParallelTrials() + ") must not exceed maxTrials ("
                    + spec.maxTrials() + ")");
        }
        if (spec.maxFailedTrials() < 0) {
            problems.add("maxFailedTrials must be 0 (let the tuner decide) or more, got " + spec.maxFailedTrials());
        }
        if (spec.params().isEmpty()) {
            problems.add("params must list at least one parameter to tune");
        }
        if (!spec.metricTag().equals(TunableArguments.METRIC_TAG)) {
            problems.add("hyperparameterMetricTag '" + spec.metricTag() + "': this algorithm reports only '"
                    + TunableArguments.METRIC_TAG + "'");
        } else if (spec.goal() != Goal.MAXIMIZE) {
            problems.add("goal must be MAXIMIZE for " + TunableArguments.METRIC_TAG
                    + " (the algorithm's only goal is the highest accuracy)");
        }
    }

    /** Rules of the service that hold whatever argument the parameter tunes. */
    private static void checkParameter(ParameterSpec p, List<String> own) {
        switch (p.type()) {
            case DOUBLE, INTEGER -> {
                if (p.type() == ParameterType.INTEGER && (!isWhole(p.minValue()) || !isWhole(p.maxValue()))) {
                    own.add("minValue and maxValue of an INTEGER parameter must be whole numbers, got "
                            + TextFormat.number(p.minValue()) + " and " + TextFormat.number(p.maxValue()));
                }
                if (p.minValue() > p.maxValue()) {
                    own.add("minValue (" + TextFormat.number(p.minValue()) + ") is greater than maxValue ("
                            + TextFormat.number(p.maxValue()) + ")");
                } else if (p.type() == ParameterType.DOUBLE && p.minValue() == p.maxValue()) {
                    own.add("minValue equals maxValue (" + TextFormat.number(p.minValue())
                            + "): pass a fixed value as a training argument instead of tuning it");
                }
                if (p.scaleType().isLogarithmic() && p.minValue() <= 0) {
                    own.add(p.scaleType() + " needs minValue > 0, got " + TextFormat.number(p.minValue()));
                }
            }
            case DISCRETE -> {
                List<Double> v = p.discreteValues();
                if (v.isEmpty()) {
                    own.add("discreteValues must list at least one value");
                    return;
                }
                for (int i = 1; i < v.size(); i++) {
                    if (v.get(i) <= v.get(i - 1)) {
                        own.add("discreteValues must be increasing without duplicates, but "
                                + TextFormat.number(v.get(i)) + " follows " + TextFormat.number(v.get(i - 1)));
                        break;
                    }
                }
                if (p.scaleType().isLogarithmic() && v.get(0) <= 0) {
                    own.add(p.scaleType() + " needs every discrete value > 0, got " + TextFormat.number(v.get(0)));
                }
            }
            case CATEGORICAL -> {
                List<String> v = p.categoricalValues();
                if (v.isEmpty()) {
                    own.add("categoricalValues must list at least one value");
                }
                Set<String> distinct = new HashSet<>();
                for (String s : v) {
                    if (s.isEmpty()) {
                        own.add("categoricalValues must not contain an empty string");
                    } else if (!distinct.add(s)) {
                        own.add("categoricalValues lists '" + s + "' more than once");
                    }
                }
            }
        }
    }

    /** Whether the parameter's type and values are ones the trainer accepts for that argument. */
    private static void checkAgainstArgument(ParameterSpec p, TunableArgument a, List<String> own) {
        if (!a.kind().allowedTypes().contains(p.type())) {
            own.add("type " + p.type() + " cannot tune " + a.name() + " (" + describe(a.kind()) + "); use "
                    + joinTypes(a.kind().allowedTypes()));
            return;
        }
        switch (a.kind()) {
            case REAL, INTEGER -> {
                List<Double> values = p.type() == ParameterType.DISCRETE
                        ? p.discreteValues() : List.of(p.minValue(), p.maxValue());
                for (double v : values) {
                    if (!a.accepts(v)) {
                        own.add(TextFormat.number(v) + " is outside " + a.name() + "'s range " + a.rangeText());
                    } else if (a.kind() == TunableArgument.Kind.INTEGER && !isWhole(v)) {
                        own.add(a.name() + " takes whole numbers, got " + TextFormat.number(v));
                    }
                }
            }
            case CHOICE -> {
                for (String v : p.categoricalValues()) {
                    if (!a.choices().contains(v)) {
                        own.add("'" + v + "' is not a valid " + a.name() + "; valid values: "
                                + String.join(", ", a.choices()));
                    }
                }
            }
            case TEXT -> {
                for (String v : p.categoricalValues()) {
                    Optional<String> problem = a.textCheck().apply(v);
                    problem.ifPresent(m -> own.add("invalid " + a.name() + " value " + m));
                }
            }
        }
    }

    private static String describe(TunableArgument.Kind kind) {
        return switch (kind) {
            case REAL -> "a real number";
            case INTEGER -> "a whole number";
            case CHOICE -> "one of a fixed set of strings";
            case TEXT -> "a string";
        };
    }

    private static String joinTypes(List<ParameterType> types) {
        List<String> names = new ArrayList<>();
        for (ParameterType t : types) {
            names.add(t.name());
        }
        return String.join(" or ", names);
    }

    private static boolean isWhole(double v) {
        return v == Math.rint(v);
    }
}
