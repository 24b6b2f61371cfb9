package dev.imgcls.train.command;

import dev.imgcls.export.inspect.Inspect;
import dev.imgcls.train.cli.CommandLine;
import dev.imgcls.train.cli.FlagValues;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code imgcls inspect PATH}: a SavedModel directory → its tag sets and signatures (as
 * {@code saved_model_cli show --all}) and our export info; anything else → a checkpoint's
 * variables (as {@code inspect_checkpoint}), local or {@code gs://}.
 */
final class InspectCommand implements Command {
    static final String USAGE = "usage: imgcls inspect <path>\n  " + Inspect.PATHS + "\n";

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
        CommandLine line = CommandLine.read(args, List.of(), true);
        if (line.helpRequested()) {
            out.print(USAGE);
            return 0;
        }
        FlagValues v = new FlagValues(line);
        if (line.positionals().size() != 1 || line.positionals().get(0).isEmpty()) {
            v.problem("inspect takes one path (a SavedModel, a checkpoint or a folder of checkpoints), got "
                    + line.positionals().size() + "; see imgcls inspect --help");
        }
        if (!Arguments.usable(v, err)) {
            return Arguments.USAGE;
        }
        return Inspect.run(line.positionals().get(0), out, err);
    }
}
