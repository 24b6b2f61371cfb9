package dev.imgcls.train.cli;

import java.util.List;

/** Invalid command-line arguments: one line per problem, each naming the flag and what to do. */
public final class ArgumentException extends IllegalArgumentException {
    private final List<String> problems;

    public ArgumentException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an ArgumentException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems, one line each, in command-line order where possible. */
    public List<String> problems() {
        return problems;
    }
}
