package dev.imgcls.train.loop;

import dev.imgcls.export.checkpoint.CheckpointManager;
import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;
import dev.imgcls.train.metrics.FinalMetricsWriter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How the evaluator task follows the chief: it polls {@code <job-dir>/checkpoints/} for the newest
 * complete checkpoint ({@link CheckpointManager#latestCheckpoint}: the one the {@code checkpoint}
 * state file names last whose index and data files verify; the chief writes the state file only
 * after the bundle), and hands out only checkpoints newer than the last one evaluated. Older ones
 * it has not seen are skipped, as TF's evaluator evaluates the latest checkpoint only. It reads;
 * it never writes, locks or cleans the directory.
 *
 * <p>It stops when nothing more will come:
 * <ol>
 * <li>the checkpoint last evaluated is at {@code --max_steps} or beyond: the chief's final
 *     checkpoint (the chief always saves one at max_steps), as TF's evaluator stops;
 * <li>or the chief has finished at the step last evaluated, below this task's {@code --max_steps}
 *     (it was given other arguments): {@code final_metrics.json} names that step as its final one,
 *     the job directory's lock file is gone (the chief removes it when it ends; a running or
 *     resumed chief holds it), and no newer checkpoint appeared for a grace period.
 * </ol>
 * Otherwise it waits, however long the chief takes, as TF's evaluator does.
 */
final class CheckpointWatcher {
    /** Between two looks at the checkpoint directory. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(5);
    /** How long a finished chief must stay without a newer checkpoint (rule 2) before the task stops. */
    static final Duration FINISHED_GRACE = Duration.ofSeconds(60);

    /** A checkpoint to evaluate: its prefix and the step its name carries. */
    record Checkpoint(String prefix, long step) {
    }

    /** Waits between polls (tests advance a clock instead). */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final JobPaths paths;
    private final FileSystems fileSystems;
    private final long maxSteps;
    private final Duration pollInterval;
    private final Duration finishedGrace;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private String stopReason;

    CheckpointWatcher(JobPaths paths, FileSystems fileSystems, long maxSteps, Duration pollInterval, Duration finishedGrace,
                      InstantSource clock, Sleeper sleeper) {
        this.paths = paths;
        this.fileSystems = fileSystems;
        this.maxSteps = maxSteps;
        this.pollInterval = pollInterval;
        this.finishedGrace = finishedGrace;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** With the real clock and {@link Thread#sleep}. */
    CheckpointWatcher(JobPaths paths, long maxSteps, Duration pollInterval, Duration finishedGrace) {
        this(paths, FileSystems.defaults(), maxSteps, pollInterval, finishedGrace, InstantSource.system(), d -> Thread.sleep(d.toMillis()));
    }

    Duration pollInterval() {
        return pollInterval;
    }

    /**
     * The newest complete checkpoint after step {@code lastStep} (−1 before the first), waiting
     * for one; empty when the task is done, with {@link #stopReason()} saying why.
     */
    Optional<Checkpoint> next(long lastStep) throws IOException, InterruptedException {
        if (lastStep >= maxSteps) {
            stopReason = "evaluated the checkpoint at step " + lastStep + ", the chief's last (--max_steps=" + maxSteps + ")";
            return Optional.empty();
        }
        Instant finishedSince = null;
        while (true) {
            Optional<String> latest = CheckpointManager.latestCheckpoint(fileSystems, paths.checkpoints());
            if (latest.isPresent() && CheckpointManager.stepOf(latest.get()) > lastStep) {
                return Optional.of(new Checkpoint(latest.get(), CheckpointManager.stepOf(latest.get())));
            }
            if (chiefFinishedAt(lastStep)) {
                Instant now = clock.instant();
                if (finishedSince == null) {
                    finishedSince = now;
                } else if (Duration.between(finishedSince, now).compareTo(finishedGrace) >= 0) {
                    stopReason = "the chief finished at step " + lastStep + " (" + FinalMetricsWriter.FILE_NAME + ", no lock on the job"
                            + " directory), below --max_steps=" + maxSteps + ", and wrote no newer checkpoint in " + finishedGrace.toSeconds() + " s";
                    return Optional.empty();
                }
            } else {
                finishedSince = null;
            }
            sleeper.sleep(pollInterval);
        }
    }

    /** Why {@link #next} came back empty; null before it did. */
    String stopReason() {
        return stopReason;
    }

    /** Rule 2 of the class comment, short of the grace period. */
    private boolean chiefFinishedAt(long lastStep) throws IOException {
        if (lastStep < 0) {
            return false;
        }
        FileSystem fs = fileSystems.resolve(paths.jobDir());
        if (fs.exists(FileSystems.join(paths.jobDir(), JobDirectoryLock.FILE)) || !fs.exists(paths.finalMetrics())) {
            return false;
        }
        String json;
        try (InputStream in = fs.openRead(paths.finalMetrics())) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        OptionalLong finalStep = FinalMetricsWriter.finalGlobalStep(json);
        return finalStep.isPresent() && finalStep.getAsLong() == lastStep;
    }
}
