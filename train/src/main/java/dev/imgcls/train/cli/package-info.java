/**
 * The trainer's command line: every argument of the built-in algorithm's reference page, spelled
 * the same ({@code --name=value} or {@code --name value}; {@code --job-dir} also as
 * {@code --job_dir}), plus this trainer's own. {@link dev.imgcls.train.cli.TrainingArguments#parse}
 * turns them into an immutable {@link dev.imgcls.train.cli.TrainingConfig} or fails before any
 * training with one clear line per problem; {@code --help} lists everything with its default.
 *
 * <p>{@link dev.imgcls.train.cli.CommandLine} is the one flag parser of every {@code imgcls}
 * command (the grammar, "did you mean", the messages); {@link dev.imgcls.train.cli.FlagValues}
 * reads typed values for the commands other than {@code train}, in the same words. The commands
 * themselves are in {@code dev.imgcls.train.command}.
 *
 * <p>A hand-written parser: the grammar is tiny, the messages (and "did you mean") are the point,
 * and no argument library speaks the reference page's exact dialect ({@code job-dir} next to
 * underscore names, TF-style {@code k=v} optimizer arguments).
 */
package dev.imgcls.train.cli;
