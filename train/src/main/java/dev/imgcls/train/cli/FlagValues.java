package dev.imgcls.train.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Typed values of a {@link CommandLine} for the commands other than {@code train} (which has its own
 * table, {@link Flags}), with the same value syntax and messages. A value that does not parse is
 * recorded as a problem and replaced by the fallback, so every problem is reported at once by
 * {@link #throwIfAny()}.
 */
public final class FlagValues {
    private final CommandLine line;
    private final List<String> problems;

    public FlagValues(CommandLine line) {
        this.line = line;
        this.problems = new ArrayList<>(line.problems());
    }

    public boolean has(String name) {
        return line.values().containsKey(name);
    }

    /** The text given, else {@code fallback} (may be null). */
    public String text(String name, String fallback) {
        return line.values().getOrDefault(name, fallback);
    }

    /** The text given; a missing one is a problem ("missing required argument --name=METAVAR") and gives "". */
    public String required(FlagSpec flag) {
        String value = line.values().get(flag.name());
        if (value == null || value.isBlank()) {
            problems.add((value == null ? "missing required argument " : "empty argument ")
                    + flag.display() + "=" + flag.metavar());
            return "";
        }
        return value;
    }

    public int integer(String name, int fallback) {
        return parsed(name, ValueSyntax::parseInt, fallback);
    }

    public long longInteger(String name, long fallback) {
        return parsed(name, ValueSyntax::parseLong, fallback);
    }

    public double number(String name, double fallback) {
        return parsed(name, ValueSyntax::parseDouble, fallback);
    }

    public boolean bool(String name, boolean fallback) {
        return parsed(name, ValueSyntax::parseBoolean, fallback);
    }

    /** An integer of at least {@code min}, in the trainer's wording ("must be >= 0", "must be at least 1"). */
    public int integerAtLeast(String name, int fallback, int min) {
        int value = integer(name, fallback);
        if (value < min) {
            problems.add("--" + name + " must be " + (min == 0 ? ">= 0" : "at least " + min) + ", got " + value);
        }
        return value;
    }

    /** A finite number of at least 0. */
    public double nonNegative(String name, double fallback) {
        double value = number(name, fallback);
        if (!(value >= 0)) {
            problems.add("--" + name + " must be a finite number >= 0, got " + ValueSyntax.formatDouble(value));
        }
        return value;
    }

    /** One of {@code choices}; another is a problem with a "did you mean". */
    public String choice(String name, String fallback, List<String> choices) {
        String value = text(name, fallback);
        if (!choices.contains(value)) {
            problems.add("--" + name + " '" + value + "' is not one of " + String.join(", ", choices)
                    + Suggestions.didYouMean("", Suggestions.closest(value, choices)));
            return fallback;
        }
        return value;
    }

    /** Records a problem found by the command itself (a rule between flags, a value a library rejected). */
    public void problem(String message) {
        problems.add(message);
    }

    public List<String> problems() {
        return problems;
    }

    /** @throws ArgumentException listing every problem, when there is one */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ArgumentException(problems);
        }
    }

    private <T> T parsed(String name, Function<String, T> parse, T fallback) {
        String text = line.values().get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            problems.add("--" + name + " " + e.getMessage());
            return fallback;
        }
    }
}
