package dev.imgcls.train.cli;

/**
 * How one flag of a command is spelt, for {@link CommandLine}: its name, a second accepted spelling,
 * how messages show its value, and whether it may stand alone (a switch, meaning true).
 *
 * @param alias a second accepted spelling, or null
 */
public record FlagSpec(String name, String alias, String metavar, boolean isBoolean) {

    /** A flag that takes a value: {@code --name=METAVAR} or {@code --name METAVAR}. */
    public static FlagSpec value(String name, String metavar) {
        return new FlagSpec(name, null, metavar, false);
    }

    /** A switch: {@code --name} alone (true), or with true/false. */
    public static FlagSpec bool(String name) {
        return new FlagSpec(name, null, "true|false", true);
    }

    public FlagSpec withAlias(String alias) {
        return new FlagSpec(name, alias, metavar, isBoolean);
    }

    /** How messages name the flag. */
    public String display() {
        return "--" + name;
    }
}
