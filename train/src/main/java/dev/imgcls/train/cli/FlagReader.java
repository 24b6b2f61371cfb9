package dev.imgcls.train.cli;

import dev.imgcls.nn.optim.OptimizerSettings;
import dev.imgcls.nn.optim.OptimizerType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed values of the flags: the given text, or the flag's default. A value that does not parse
 * (or a missing required flag) is recorded as a problem and replaced by a placeholder, so that
 * reading goes on and every problem of the command line is reported at once.
 */
final class FlagReader {
    private final Map<Flag, String> given;
    private final List<ConfigRules.Problem> problems = new ArrayList<>();
    private final Set<Flag> failed = new LinkedHashSet<>();

    FlagReader(Map<Flag, String> given) {
        this.given = given;
    }

    /** Flags whose text was missing or did not parse; their value rules are not checked. */
    Set<Flag> failed() {
        return failed;
    }

    List<ConfigRules.Problem> problems() {
        return problems;
    }

    /** The text given, else the default; "" for a missing required flag (reported). */
    String text(Flag flag) {
        String value = given.get(flag);
        if (value != null) {
            return value;
        }
        if (flag.required()) {
            fail(flag, "missing required argument " + flag.display() + "=" + flag.metavar());
            return "";
        }
        return flag.defaultValue() == null ? "" : flag.defaultValue();
    }

    int integer(Flag flag) {
        return parsed(flag, ValueSyntax::parseInt, 0);
    }

    long longInteger(Flag flag) {
        return parsed(flag, ValueSyntax::parseLong, 0L);
    }

    double number(Flag flag) {
        return parsed(flag, ValueSyntax::parseDouble, 0.0);
    }

    /** A number whose default depends on other flags: the text given, else {@code absent} (the flag's default is only shown). */
    double number(Flag flag, double absent) {
        String value = given.get(flag);
        if (value == null) {
            return absent;
        }
        try {
            return ValueSyntax.parseDouble(value);
        } catch (IllegalArgumentException e) {
            fail(flag, flag.display() + " " + e.getMessage());
            return absent;
        }
    }

    boolean bool(Flag flag) {
        return parsed(flag, ValueSyntax::parseBoolean, false);
    }

    List<Long> longList(Flag flag) {
        return parsed(flag, text -> ValueSyntax.splitList(text).stream().map(ValueSyntax::parseLong).toList(), List.of());
    }

    List<Double> numberList(Flag flag) {
        return parsed(flag, text -> ValueSyntax.splitList(text).stream().map(ValueSyntax::parseDouble).toList(), List.of());
    }

    /** One of a fixed set of spellings; an unknown one gets the list and a "did you mean". */
    <E> E choice(Flag flag, Function<String, E> parse, List<String> spellings) {
        String text = text(flag);
        if (failed.contains(flag)) {
            return parse.apply(flag.defaultValue());
        }
        if (!spellings.contains(text)) {
            fail(flag, ConfigRules.unknownChoice(flag, text, spellings));
            return parse.apply(flag.defaultValue());
        }
        return parse.apply(text);
    }

    /** {@code optimizer_arguments} for the optimizer type (its defaults when the type itself failed). */
    OptimizerSettings optimizer(Flag flag, OptimizerType type, boolean typeFailed) {
        String text = text(flag);
        if (typeFailed) {
            return OptimizerSettings.defaults(type);
        }
        try {
            return OptimizerArgumentsParser.parse(type, text);
        } catch (IllegalArgumentException e) {
            fail(flag, e.getMessage());
            return OptimizerSettings.defaults(type);
        }
    }

    private <T> T parsed(Flag flag, Function<String, T> parse, T placeholder) {
        String text = text(flag);
        if (failed.contains(flag)) {
            return flag.defaultValue() == null ? placeholder : parse.apply(flag.defaultValue());
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            fail(flag, flag.display() + " " + e.getMessage());
            return flag.defaultValue() == null ? placeholder : parse.apply(flag.defaultValue());
        }
    }

    private void fail(Flag flag, String message) {
        failed.add(flag);
        problems.add(new ConfigRules.Problem(flag, message));
    }
}
