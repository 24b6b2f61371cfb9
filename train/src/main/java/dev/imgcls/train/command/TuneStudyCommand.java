package dev.imgcls.train.command;

import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.CommandLine;
import dev.imgcls.train.cli.FlagSpec;
import dev.imgcls.train.cli.FlagValues;
import dev.imgcls.train.cli.TrainingArguments;
import dev.imgcls.tune.TuneCommand;
import dev.imgcls.tune.TuneHelp;
import dev.imgcls.tune.TuneOptions;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code imgcls tune}: a hyperparameter tuning study, each trial a training run of this jar. The
 * tune flags are its own; every training flag but {@code --job-dir} and {@code --threads} (which
 * the study sets per trial) is passed to every trial.
 */
final class TuneStudyCommand implements Command {
    static final FlagSpec CONFIG = FlagSpec.value("config", "FILE");
    static final FlagSpec JOB_DIR = FlagSpec.value("job-dir", "DIR").withAlias("job_dir");
    static final FlagSpec SEED = FlagSpec.value("seed", "N");
    static final FlagSpec TRAINER_COMMAND = FlagSpec.value("trainer_command", "CMD");
    static final FlagSpec POLL_SECONDS = FlagSpec.value("poll_seconds", "S");
    static final FlagSpec THREADS = FlagSpec.value("threads", "N");
    static final List<FlagSpec> OWN = List.of(CONFIG, JOB_DIR, SEED, TRAINER_COMMAND, POLL_SECONDS, THREADS);

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
        CommandLine line = CommandLine.read(args, flags(), false);
        if (line.helpRequested()) {
            out.print(TuneHelp.text());
            return 0;
        }
        TuneOptions options;
        try {
            options = options(line);
        } catch (ArgumentException e) {
            return Arguments.rejected(e, err);
        }
        return TuneCommand.run(options, out, err);
    }

    /** The tune flags, then the training flags that trials share. */
    static List<FlagSpec> flags() {
        Set<String> own = Set.of("job-dir", "threads");
        List<FlagSpec> all = new ArrayList<>(OWN);
        TrainingArguments.flags().stream().filter(f -> !own.contains(f.name())).forEach(all::add);
        return all;
    }

    static TuneOptions options(CommandLine line) {
        FlagValues v = new FlagValues(line);
        String config = v.required(CONFIG);
        String jobDir = v.required(JOB_DIR);
        OptionalLong seed = v.has(SEED.name()) ? OptionalLong.of(v.longInteger(SEED.name(), 0)) : OptionalLong.empty();
        Duration poll = TuneOptions.DEFAULT_POLL;
        if (v.has(POLL_SECONDS.name())) {
            try {
                poll = TuneOptions.pollSeconds(v.number(POLL_SECONDS.name(), 2));
            } catch (IllegalArgumentException e) {
                v.problem(e.getMessage());
            }
        }
        int threads = v.integerAtLeast(THREADS.name(), 0, 0);
        Path jobPath = null;
        if (!jobDir.isEmpty()) {
            try {
                jobPath = TuneOptions.localJobDir(jobDir);
            } catch (IllegalArgumentException e) {
                v.problem(e.getMessage());
            }
        }
        v.throwIfAny();
        Set<String> ownNames = Set.copyOf(OWN.stream().map(FlagSpec::name).toList());
        List<String> training = line.given().stream()
                .filter(token -> !ownNames.contains(token.substring(2, token.indexOf('='))))
                .toList();
        return new TuneOptions(Path.of(config), jobPath, seed, Optional.ofNullable(v.text(TRAINER_COMMAND.name(), null)),
                poll, Threads.resolve(Math.max(0, threads)), training);
    }
}
