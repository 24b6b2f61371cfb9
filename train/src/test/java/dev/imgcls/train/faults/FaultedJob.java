package dev.imgcls.train.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One job driven through faults: runs that are killed (SIGKILL at an instant, or a crash hook),
 * checked after each death — {@code model/} loadable if a model had been exported, no checkpoint
 * that was reported saved lost — then resumed to the end and compared with the reference.
 */
final class FaultedJob {
    private static final Pattern STATE_PATH = Pattern.compile("model_checkpoint_path: \"(?:.*/)?model\\.ckpt-(\\d+)\"");

    private final SuiteContext ctx;
    final Path dir;
    private final Path trace;
    private final StringBuilder outputs = new StringBuilder();
    final List<String> problems = new ArrayList<>();
    /** The problems found after the latest death. */
    final List<String> lastDeath = new ArrayList<>();
    /** Whether a run of this job has completed (then there is nothing left to resume). */
    boolean completed;
    int kills;
    /** A dead trainer's lock file is there, not yet taken over by a later run. */
    private boolean staleLock;
    int unloadable;
    int lost;

    FaultedJob(SuiteContext ctx, String name) throws IOException {
        this(ctx, ctx.newJobDir(name));
    }

    /** A job in a given folder (on a small file system, say); its trace is kept outside it. */
    FaultedJob(SuiteContext ctx, Path dir) throws IOException {
        this.ctx = ctx;
        this.dir = dir;
        this.trace = ctx.traceFile(dir);
    }

    /** Starts a run and sends SIGKILL after {@code millis} unless it ended first; true if it was killed. */
    boolean killAfter(long millis) throws IOException, InterruptedException {
        TrainerProcess p = ctx.launcher.start(ctx.launch(dir).trace(trace));
        if (p.waitFor(millis)) {
            RunResult r = p.await(ctx.timeoutSeconds());
            note(r, "run before the kill at " + millis + " ms");
            return false;
        }
        RunResult r = p.kill();
        seen(r);
        kills++;
        checkAfterDeath("SIGKILL after " + millis + " ms");
        return true;
    }

    /** A run with a fault hook armed; returns how it ended (137 when the crash point was reached). */
    RunResult runWith(String faults) throws IOException, InterruptedException {
        RunResult r = ctx.launcher.start(ctx.launch(dir).trace(trace).faults(faults)).await(ctx.timeoutSeconds());
        seen(r);
        if (r.status() == RunResult.KILLED) {
            kills++;
            checkAfterDeath("crash at " + faults);
        }
        return r;
    }

    /** Keeps a run's output; counts a stale lock taken over by it. */
    private void seen(RunResult r) {
        outputs.append(r.out());
        if (staleLock && r.out().contains(TrainerOutput.LOCK_TAKEN_OVER)) {
            ctx.staleLocks.takenOver++;
            staleLock = false;
        } else if (staleLock && r.status() == 0) {
            ctx.staleLocks.problems.add(dir.getFileName() + ": a run completed without taking over the lock file a killed one left");
            staleLock = false;
        }
    }

    /** Checks done after any death of the trainer; its problems are also kept in {@link #lastDeath}. */
    void checkAfterDeath(String what) throws IOException {
        Path lock = dir.resolve(JobDirectoryRules.LOCK_FILE);
        // An empty one (killed before it wrote its name) is taken over without a word.
        if (!staleLock && Files.exists(lock) && Files.size(lock) > 0) {
            staleLock = true;
            ctx.staleLocks.left++;
        }
        lastDeath.clear();
        String model = ctx.models.problem(dir, TrainerOutput.exported(outputs.toString()));
        if (model != null) {
            unloadable++;
            lastDeath.add(what + ": " + model);
        }
        String lostCheckpoint = lostCheckpoint();
        if (lostCheckpoint != null) {
            lost++;
            lastDeath.add(what + ": " + lostCheckpoint);
        }
        problems.addAll(lastDeath);
    }

    /** Runs to the end without faults; the run must succeed. */
    RunResult finish() throws IOException, InterruptedException {
        RunResult r = ctx.launcher.start(ctx.launch(dir).trace(trace)).await(ctx.timeoutSeconds());
        note(r, "resumed run");
        return r;
    }

    /** Compares with the reference and scans for debris; adds what it finds to {@link #problems}. */
    List<String> finalProblems() throws IOException {
        List<String> out = new ArrayList<>();
        JobState.of(dir).differences(ctx.reference().state()).forEach(d -> out.add("final state: " + d));
        DebrisScan.scan(dir, TinyJob.KEEP).forEach(d -> out.add("debris: " + d));
        problems.addAll(out);
        return out;
    }

    /** Deletes a job that passed every check (the jobs share a memory-backed file system); a failed one stays to be looked at. */
    void removeIfClean() throws IOException {
        if (problems.isEmpty() && Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private void note(RunResult r, String what) {
        seen(r);
        completed |= r.status() == 0;
        if (r.status() != 0) {
            problems.add(what + " did not succeed: " + r.describe());
        }
    }

    /**
     * Null when the newest checkpoint the trainer reported saved (or a newer one) is still what
     * the state file names, with its files.
     */
    private String lostCheckpoint() throws IOException {
        long saved = TrainerOutput.newestSaved(outputs.toString());
        if (saved < 0) {
            return null;
        }
        Path checkpoints = dir.resolve(JobDirectoryRules.CHECKPOINTS);
        Path state = checkpoints.resolve(JobDirectoryRules.CHECKPOINT_STATE);
        if (!Files.isRegularFile(state)) {
            return "checkpoint " + saved + " was reported saved but the state file is gone";
        }
        Matcher m = STATE_PATH.matcher(Files.readString(state, StandardCharsets.UTF_8));
        if (!m.find()) {
            return "the checkpoint state file names no checkpoint";
        }
        long step = Long.parseLong(m.group(1));
        String prefix = JobDirectoryRules.CHECKPOINT_PREFIX + step;
        if (step < saved) {
            return "checkpoint " + saved + " was reported saved, the state file names " + step;
        }
        if (!Files.isRegularFile(checkpoints.resolve(prefix + ".index")) || !Files.isRegularFile(checkpoints.resolve(prefix + ".data-00000-of-00001"))) {
            return "the state file names " + prefix + " whose files are missing";
        }
        return null;
    }
}
