package dev.imgcls.train.command;

import dev.imgcls.tune.TuneCommand;

import java.io.PrintStream;

/** {@code imgcls tune}: a hyperparameter tuning study, each trial a training run of this jar. */
final class TuneStudyCommand implements Command {
    @Override
    public String name() {
        return "tune";
    }

    @Override
    public String summary() {
        return "run a hyperparameter tuning study (AI Platform's hyperparameters spec) over training runs";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        return TuneCommand.run(args, out, err);
    }
}
