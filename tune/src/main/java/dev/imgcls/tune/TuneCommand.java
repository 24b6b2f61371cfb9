package dev.imgcls.tune;

import dev.imgcls.tune.run.RunnerSettings;
import dev.imgcls.tune.run.StudyRunner;
import dev.imgcls.tune.run.SubprocessTrialLauncher;
import dev.imgcls.tune.run.TrainerCommand;
import dev.imgcls.tune.search.Suggesters;
import dev.imgcls.tune.spec.StudySpec;
import dev.imgcls.tune.spec.StudySpecParser;
import dev.imgcls.tune.study.Study;
import dev.imgcls.tune.study.StudyStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The {@code tune} command's work: runs (or resumes) a hyperparameter-tuning study of the trainer. See
 * {@link TuneHelp} for usage, and {@link StudyRunner} for how trials are run; the trainer's command layer parses
 * the flags into {@link TuneOptions}.
 */
public final class TuneCommand {
    public static final int EXIT_OK = 0;
    public static final int EXIT_STUDY_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    /** How long a stopped trial may take to save and exit after SIGTERM. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    static final int ERROR_LINES = 20;

    private TuneCommand() {
    }

    /**
     * Runs (or resumes) the study; returns 0 when it ran and some trial reported the metric, 1 when not, 2 when
     * the spec or the options are unusable.
     */
    public static int run(TuneOptions options, PrintStream out, PrintStream err) {
        try {
            return runStudy(options, out);
        } catch (IllegalArgumentException e) { // includes InvalidStudySpecException
            err.println("tune: " + e.getMessage());
            return EXIT_USAGE;
        } catch (NoSuchFileException e) {
            err.println("tune: no such file: " + e.getFile());
            return EXIT_USAGE;
        } catch (IOException e) {
            err.println("tune: " + e.getMessage());
            return EXIT_STUDY_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("tune: interrupted; run the same command again to resume the study");
            return EXIT_STUDY_FAILED;
        }
    }

    private static int runStudy(TuneOptions options, PrintStream out) throws IOException, InterruptedException {
        StudySpec spec = StudySpecParser.parseFile(options.config());
        List<String> command = options.trainerCommand().map(TrainerCommand::split)
                .or(TrainerCommand::fromRunningJar)
                .orElseThrow(() -> new IllegalArgumentException("--trainer_command is required when tune does not"
                        + " run from the trainer jar, e.g. --trainer_command=\"java -jar imgcls-train.jar train\""));
        if (command.isEmpty()) {
            throw new IllegalArgumentException("--trainer_command is empty");
        }
        Files.createDirectories(options.jobDir());
        StudyStore store = new StudyStore(options.jobDir());
        Study study = openStudy(store, spec, options, out);
        int threads = RunnerSettings.threadsPerTrial(options.threads(), study.spec().maxParallelTrials());
        RunnerSettings settings = new RunnerSettings(options.pollInterval(), STOP_GRACE, threads, ERROR_LINES);
        out.println("Study " + store.file() + ": " + study.spec().algorithm() + ", " + study.spec().maxTrials()
                + " trials, " + study.spec().maxParallelTrials() + " at a time with --threads=" + threads
                + ", seed " + study.seed());
        StudyRunner runner = new StudyRunner(study, store, options.jobDir(), Suggesters.forSpec(study.spec(),
                study.seed()), new SubprocessTrialLauncher(command), settings, out, Clock.systemUTC());
        StudyRunner.Outcome outcome = runner.run();
        boolean failed = outcome == StudyRunner.Outcome.TOO_MANY_FAILURES || study.best().isEmpty();
        runner.table().summary(study, failed ? "Study failed" : "Study finished");
        return failed ? EXIT_STUDY_FAILED : EXIT_OK;
    }

    /** A new study, or the stored one when the job dir has it and the spec and arguments agree with it. */
    private static Study openStudy(StudyStore store, StudySpec spec, TuneOptions options, PrintStream out)
            throws IOException {
        if (!store.exists()) {
            Study study = new Study(spec, options.seed().orElse(0), options.trainerArguments());
            store.save(study);
            return study;
        }
        Study study = store.load();
        if (!study.spec().sameSearchAs(spec)) {
            throw new IllegalArgumentException(options.jobDir() + " holds a study with a different search space,"
                    + " goal, metric or algorithm; resume it with its own spec or use a new --job-dir");
        }
        if (!study.trainerArguments().equals(options.trainerArguments())) {
            throw new IllegalArgumentException(options.jobDir() + " holds a study started with other training"
                    + " arguments " + study.trainerArguments() + " (now " + options.trainerArguments()
                    + "); resume it with the same ones or use a new --job-dir");
        }
        if (options.seed().isPresent() && options.seed().getAsLong() != study.seed()) {
            throw new IllegalArgumentException(options.jobDir() + " holds a study with seed " + study.seed()
                    + ", not " + options.seed().getAsLong() + "; resume it with its own seed or use a new --job-dir");
        }
        study.updateSpec(spec);
        store.save(study);
        out.println("Resuming the study in " + options.jobDir() + ": " + study.trials().size() + " trials so far.");
        return study;
    }
}
