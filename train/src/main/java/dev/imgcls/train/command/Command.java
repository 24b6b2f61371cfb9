package dev.imgcls.train.command;

import java.io.PrintStream;

/** One subcommand of the {@code imgcls} jar. */
interface Command {
    /** The word that selects it. */
    String name();

    /** One line for {@code --help}. */
    String summary();

    /** Runs it; returns the process exit status (0 success, 2 bad arguments, 1 failure). */
    int run(String[] args, PrintStream out, PrintStream err);
}
