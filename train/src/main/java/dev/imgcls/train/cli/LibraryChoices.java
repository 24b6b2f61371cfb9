package dev.imgcls.train.cli;

import dev.imgcls.nn.optim.OptimizerType;
import dev.imgcls.nn.schedule.DecayType;

import java.util.Arrays;
import java.util.function.Function;

/**
 * The command-line values of the library's choice enums: {@code optimizer_type} and
 * {@code learning_rate_decay_type} take each constant's {@code id()}. Kept here because the
 * library does not know the flags; the messages name them.
 */
public final class LibraryChoices {
    private LibraryChoices() {
    }

    public static OptimizerType optimizerType(String value) {
        return parse("optimizer_type", OptimizerType.values(), OptimizerType::id, value);
    }

    public static DecayType decayType(String value) {
        return parse("learning_rate_decay_type", DecayType.values(), DecayType::id, value);
    }

    private static <E> E parse(String flag, E[] values, Function<E, String> id, String value) {
        for (E e : values) {
            if (id.apply(e).equals(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + flag + " '" + value + "'; choose one of "
                + String.join(", ", Arrays.stream(values).map(id).toList()));
    }
}
