package dev.imgcls.tune.run;

import dev.imgcls.tune.search.Suggester;
import dev.imgcls.tune.space.Assignment;
import dev.imgcls.tune.spec.StudySpec;
import dev.imgcls.tune.stopping.MedianStoppingRule;
import dev.imgcls.tune.study.MetricPoint;
import dev.imgcls.tune.study.Study;
import dev.imgcls.tune.study.StudyStore;
import dev.imgcls.tune.study.Trial;
import dev.imgcls.tune.study.TrialState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a study to its end: keeps up to maxParallelTrials training runs going, each in {@code <job-dir>/<id>/}
 * with its parameters as {@code --name=value} after the shared trainer arguments; reads each run's metric file
 * while it runs (history, early stopping) and when it exits; records every change in the study file.
 *
 * <p>One thread does everything (launch, poll, save), so the study needs no locking. A trial found ACTIVE in the
 * study file (the tuner was killed while it ran) is relaunched first, with the same parameters in the same
 * directory, so the trainer resumes it from its own checkpoints; if the old run is still alive (same pid and
 * start time) it is ended before that. Finished trials are never run again.
 */
public final class StudyRunner {
    /** How a study run ended. */
    public enum Outcome {
        /** maxTrials trials ran (or the grid ran out). */
        COMPLETED,
        /** maxFailedTrials trials failed; running trials were allowed to finish, no new ones started. */
        TOO_MANY_FAILURES
    }

    public static final String METRIC_FILE = "hypertune/output.metrics";
    public static final String LOG_FILE = "trial.log";
    /** How long trials get to exit after SIGTERM when the tuner itself is stopped; shutdown hooks must be quick. */
    static final java.time.Duration SHUTDOWN_GRACE = java.time.Duration.ofSeconds(5);

    private final Study study;
    private final StudyStore store;
    private final Path jobDir;
    private final Suggester suggester;
    private final TrialLauncher launcher;
    private final RunnerSettings settings;
    private final TrialTable table;
    private final PrintStream out;
    private final Clock clock;
    private final Map<Integer, Running> running = new ConcurrentHashMap<>();
    private final Deque<Trial> relaunch = new ArrayDeque<>();
    private boolean exhausted;

    private static final class Running {
        final Trial trial;
        final TrialProcess process;
        Instant stopRequestedAt;

        Running(Trial trial, TrialProcess process) {
            this.trial = trial;
            this.process = process;
        }
    }

    public StudyRunner(Study study, StudyStore store, Path jobDir, Suggester suggester, TrialLauncher launcher,
            RunnerSettings settings, PrintStream out, Clock clock) {
        this.study = study;
        this.store = store;
        this.jobDir = jobDir;
        this.suggester = suggester;
        this.launcher = launcher;
        this.settings = settings;
        this.out = out;
        this.table = new TrialTable(out, jobDir);
        this.clock = clock;
    }

    public TrialTable table() {
        return table;
    }

    public static Path trialDir(Path jobDir, int trialId) {
        return jobDir.resolve(Integer.toString(trialId));
    }

    public Outcome run() throws IOException, InterruptedException {
        table.header(study);
        recoverInterruptedTrials();
        Thread cleanup = new Thread(this::stopAllNow, "tune-stop-trials");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            return loop();
        } catch (InterruptedException | RuntimeException | IOException e) {
            stopAllNow();
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting; the hook is running or has run.
            }
        }
    }

    private Outcome loop() throws IOException, InterruptedException {
        StudySpec spec = study.spec();
        MedianStoppingRule rule = spec.earlyStopping()
                ? new MedianStoppingRule(spec.goal(), MedianStoppingRule.DEFAULT_MIN_COMPLETED) : null;
        boolean givingUp = false;
        while (true) {
            for (Running r : new ArrayList<>(running.values())) {
                poll(r, rule);
            }
            if (!givingUp && tooManyFailures()) {
                givingUp = true;
                out.println("Study failed: " + study.count(TrialState.FAILED) + " trials failed (limit "
                        + spec.failedTrialLimit() + "); waiting for running trials, starting no more.");
            }
            while (!givingUp && running.size() < spec.maxParallelTrials() && launchNext()) {
                // launchNext started one more trial
            }
            if (running.isEmpty() && (givingUp || !hasMoreToLaunch())) {
                return givingUp ? Outcome.TOO_MANY_FAILURES : Outcome.COMPLETED;
            }
            Thread.sleep(settings.pollInterval().toMillis());
        }
    }

    private boolean tooManyFailures() {
        return study.count(TrialState.FAILED) >= study.spec().failedTrialLimit();
    }

    private boolean hasMoreToLaunch() {
        return !relaunch.isEmpty() || (!exhausted && study.trials().size() < study.spec().maxTrials());
    }

    /** Starts the next trial (an interrupted one first); false when there is none to start. */
    private boolean launchNext() throws IOException {
        Trial trial = relaunch.pollFirst();
        if (trial == null) {
            if (exhausted || study.trials().size() >= study.spec().maxTrials()) {
                return false;
            }
            List<Assignment> pending = new ArrayList<>();
            running.values().forEach(r -> pending.add(r.trial.assignment()));
            Optional<Assignment> next = suggester.suggest(study.trials().size() + 1, study.observations(), pending);
            if (next.isEmpty()) {
                exhausted = true;
                return false;
            }
            trial = study.addTrial(next.get());
        }
        launch(trial);
        return true;
    }

    private void launch(Trial trial) throws IOException {
        Path dir = trialDir(jobDir, trial.id());
        Path metricFile = dir.resolve(METRIC_FILE);
        Files.createDirectories(metricFile.getParent());
        // Its reports are already in the study; a stale file would only be read again.
        Files.deleteIfExists(metricFile);
        List<String> args = trialArguments(study.trainerArguments(), dir, trial.assignment(),
                settings.threadsPerTrial());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CLOUD_ML_HP_METRIC_FILE", metricFile.toAbsolutePath().toString());
        env.put("CLOUD_ML_TRIAL_ID", Integer.toString(trial.id()));
        env.put("CLOUD_ML_HP_METRIC_TAG", study.spec().metricTag());
        Path log = dir.resolve(LOG_FILE);
        Files.writeString(log, "=== tune: launch " + (trial.launches() + 1) + " of trial " + trial.id() + " at "
                + clock.instant() + ": " + String.join(" ", args) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        TrialProcess process = launcher.start(new TrialRequest(trial.id(), args, env, dir, log));
        trial.launched(process.pid(), process.startInstant().orElse(null), clock.instant());
        running.put(trial.id(), new Running(trial, process));
        store.save(study);
    }

    /**
     * The trainer arguments of one trial: the shared ones (less any that the trial sets), then
     * {@code --job-dir=<trial dir>}, the trial's parameters and {@code --threads=k}.
     */
    public static List<String> trialArguments(List<String> shared, Path trialDir, Assignment assignment,
            int threads) {
        Set<String> overridden = new java.util.HashSet<>(assignment.values().keySet());
        overridden.add("job-dir");
        overridden.add("job_dir");
        overridden.add("threads");
        List<String> args = new ArrayList<>();
        for (int i = 0; i < shared.size(); i++) {
            String a = shared.get(i);
            String name = optionName(a);
            if (name != null && overridden.contains(name)) {
                boolean separateValue = !a.contains("=") && i + 1 < shared.size()
                        && !shared.get(i + 1).startsWith("--");
                if (separateValue) {
                    i++;
                }
                continue;
            }
            args.add(a);
        }
        args.add("--job-dir=" + trialDir.toAbsolutePath());
        args.addAll(assignment.toArguments());
        args.add("--threads=" + threads);
        return args;
    }

    private static String optionName(String arg) {
        if (!arg.startsWith("--") || arg.length() == 2) {
            return null;
        }
        int eq = arg.indexOf('=');
        return eq < 0 ? arg.substring(2) : arg.substring(2, eq);
    }

    private void poll(Running r, MedianStoppingRule rule) throws IOException {
        boolean alive = r.process.isAlive();
        if (readMetrics(r.trial)) {
            store.save(study);
        }
        if (!alive) {
            finish(r);
            return;
        }
        if (r.stopRequestedAt == null) {
            if (rule != null && rule.shouldStop(r.trial.history(), completedHistories())) {
                out.println("Stopping trial " + r.trial.id() + " early: its best " + study.spec().metricTag()
                        + " is below the median of completed trials at the same step.");
                r.stopRequestedAt = clock.instant();
                r.process.requestStop();
            }
        } else if (clock.instant().isAfter(r.stopRequestedAt.plus(settings.stopGrace()))) {
            r.process.forceStop();
        }
    }

    private List<List<MetricPoint>> completedHistories() {
        List<List<MetricPoint>> h = new ArrayList<>();
        for (Trial t : study.trials()) {
            if (t.state() == TrialState.SUCCEEDED) {
                h.add(t.history());
            }
        }
        return h;
    }

    private boolean readMetrics(Trial trial) throws IOException {
        Path file = trialDir(jobDir, trial.id()).resolve(METRIC_FILE);
        return trial.mergeMetrics(MetricFileReader.read(file, study.spec().metricTag()));
    }

    private void finish(Running r) throws IOException {
        running.remove(r.trial.id());
        readMetrics(r.trial);
        int exit = r.process.exitCode();
        Path dir = trialDir(jobDir, r.trial.id());
        TrialState state;
        String error = null;
        if (r.stopRequestedAt != null) {
            state = TrialState.STOPPED;
        } else if (exit != 0) {
            state = TrialState.FAILED;
            error = "exit code " + exit + "; last lines of " + dir.resolve(LOG_FILE) + ":\n"
                    + LogTail.lastLines(dir.resolve(LOG_FILE), settings.errorLines());
        } else if (r.trial.history().isEmpty()) {
            state = TrialState.FAILED;
            error = "the run exited normally but reported no " + study.spec().metricTag() + " to "
                    + dir.resolve(METRIC_FILE);
        } else {
            state = TrialState.SUCCEEDED;
        }
        r.trial.finished(state, error, clock.instant());
        store.save(study);
        table.row(r.trial, study);
    }

    /** Queues the trials the study file shows as running, ending their old processes if they outlived the tuner. */
    private void recoverInterruptedTrials() throws InterruptedException {
        for (Trial t : study.trials()) {
            if (t.state().isFinished()) {
                table.row(t, study);
            }
        }
        for (Trial t : study.trials()) {
            if (t.state() == TrialState.ACTIVE) {
                endOrphan(t);
                relaunch.addLast(t);
            }
        }
        if (!relaunch.isEmpty()) {
            out.println("Resuming: " + relaunch.size() + " interrupted trial(s) will be relaunched in their own"
                    + " directories: " + relaunch.stream().map(t -> Integer.toString(t.id())).toList());
        }
    }

    private void endOrphan(Trial t) throws InterruptedException {
        if (t.pid() <= 0 || t.processStart().isEmpty()) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(t.pid());
        if (handle.isEmpty() || !handle.get().isAlive()
                || !handle.get().info().startInstant().equals(t.processStart())) {
            return; // gone, or the pid now belongs to another process
        }
        out.println("Ending trial " + t.id() + "'s old run (pid " + t.pid() + "), still running from before.");
        ProcessHandle p = handle.get();
        p.destroy();
        try {
            p.onExit().get(settings.stopGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /**
     * Ends every running trial (the tuner was interrupted or is shutting down): SIGTERM first so that a trainer can
     * finish writing, then, after a short wait, SIGKILL. The trials stay ACTIVE in the study file, so a resume
     * starts them again.
     */
    private void stopAllNow() {
        List<Running> all = new ArrayList<>(running.values());
        all.forEach(r -> r.process.requestStop());
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        for (Running r : all) {
            while (r.process.isAlive() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (r.process.isAlive()) {
                r.process.forceStop();
            }
        }
    }
}
