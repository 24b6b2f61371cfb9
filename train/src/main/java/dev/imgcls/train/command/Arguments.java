package dev.imgcls.train.command;

import dev.imgcls.train.cli.ArgumentException;

import java.io.PrintStream;

/** How every command reports arguments it cannot use: one {@code error: …} line per problem, exit status 2. */
final class Arguments {
    static final int USAGE = 2;

    private Arguments() {
    }

    static int rejected(ArgumentException e, PrintStream err) {
        e.problems().forEach(p -> err.println("error: " + p));
        return USAGE;
    }
}
