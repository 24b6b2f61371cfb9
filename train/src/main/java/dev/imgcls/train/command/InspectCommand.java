package dev.imgcls.train.command;

import dev.imgcls.export.inspect.Inspect;

import java.io.PrintStream;

/**
 * {@code imgcls inspect PATH}: a SavedModel directory → its tag sets and signatures (as
 * {@code saved_model_cli show --all}) and our export info; anything else → a checkpoint's
 * variables (as {@code inspect_checkpoint}), local or {@code gs://}.
 */
final class InspectCommand implements Command {
    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String summary() {
        return "show a SavedModel's signatures, or list the variables of a checkpoint";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        return Inspect.run(args, out, err);
    }
}
