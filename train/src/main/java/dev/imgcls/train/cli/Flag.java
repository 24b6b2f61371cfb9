package dev.imgcls.train.cli;

import java.util.function.Function;

/**
 * One command-line flag: its spelling, how {@code --help} shows it, and how a configuration
 * renders its value back (for {@link TrainingConfig#toArguments()}).
 *
 * @param alias a second accepted spelling, or null
 * @param defaultValue the value used when the flag is absent, as typed; null for required flags
 *                     and for optional flags without a value (pretrained_checkpoint_path); for a
 *                     default that depends on other flags (moving_average_decay), how help shows it
 */
record Flag(String name, String alias, String metavar, String defaultValue, boolean required, boolean isBoolean,
            Group group, String description, Function<TrainingConfig, String> render) {

    /** The headings {@code --help} groups flags under, in the reference page's order. */
    enum Group {
        DATA("Data format"),
        BASIC("Basic parameters"),
        LEARNING_RATE("Learning rate"),
        OPTIMIZER("Optimizer"),
        MODEL("Model"),
        TRAINER("This trainer's own");

        final String heading;

        Group(String heading) {
            this.heading = heading;
        }
    }

    static Flag required(String name, String metavar, Group group, String description, Function<TrainingConfig, String> render) {
        return new Flag(name, null, metavar, null, true, false, group, description, render);
    }

    static Flag optional(String name, String metavar, String defaultValue, Group group, String description,
                         Function<TrainingConfig, String> render) {
        return new Flag(name, null, metavar, defaultValue, false, false, group, description, render);
    }

    static Flag bool(String name, boolean defaultValue, Group group, String description, Function<TrainingConfig, String> render) {
        return new Flag(name, null, "true|false", Boolean.toString(defaultValue), false, true, group, description, render);
    }

    Flag withAlias(String alias) {
        return new Flag(name, alias, metavar, defaultValue, required, isBoolean, group, description, render);
    }

    /** How messages name the flag. */
    String display() {
        return "--" + name;
    }

    /** Its spelling, for the command-line parser. */
    FlagSpec spec() {
        return new FlagSpec(name, alias, metavar, isBoolean);
    }
}
