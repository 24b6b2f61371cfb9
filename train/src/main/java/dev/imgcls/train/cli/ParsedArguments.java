package dev.imgcls.train.cli;

/** What the command line asked for: a training run, or the help text. */
public sealed interface ParsedArguments {

    /** Train with this configuration. */
    record Run(TrainingConfig config) implements ParsedArguments {}

    /** {@code --help}/{@code -h} was given: print the text and exit successfully. */
    record Help(String text) implements ParsedArguments {}
}
