package dev.imgcls.train.command;

import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.FlagValues;

import java.io.PrintStream;

/** How every command reports arguments it cannot use: one {@code error: …} line per problem, exit status 2. */
final class Arguments {
    static final int USAGE = 2;

    private Arguments() {
    }

    /** Prints the problems {@code values} found; returns whether there were none. */
    static boolean usable(FlagValues values, PrintStream err) {
        values.problems().forEach(p -> err.println("error: " + p));
        return values.problems().isEmpty();
    }

    static int rejected(ArgumentException e, PrintStream err) {
        e.problems().forEach(p -> err.println("error: " + p));
        return USAGE;
    }
}
