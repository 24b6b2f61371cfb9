package dev.imgcls.train.loop;

import dev.imgcls.export.checkpoint.BundleNames;
import dev.imgcls.export.checkpoint.CheckpointManager;
import dev.imgcls.export.checkpoint.CheckpointValue;
import dev.imgcls.io.FileSystems;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.train.events.TrainingEvents;
import dev.imgcls.train.metrics.FinalMetricsWriter;
import dev.imgcls.train.metrics.MetricsSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The evaluator's view of the chief's checkpoint directory, on a scripted clock: what it hands out, what it skips, when it stops. */
class CheckpointWatcherTest {
    private static final Duration POLL = Duration.ofSeconds(5);
    private static final Duration GRACE = Duration.ofSeconds(60);
    private static final long MAX_STEPS = 100;

    @TempDir
    Path tmp;
    private JobPaths paths;
    private CheckpointManager chief;
    private Instant now = Instant.parse("2026-12-07T12:00:00Z");
    private final List<Instant> sleeps = new ArrayList<>();
    /** What the chief does while the watcher sleeps: the action runs after the sleep of that number (1-based). */
    private final Map<Integer, IoAction> script = new HashMap<>();

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    /** The watcher slept more often than a test allows: it was still waiting. */
    private static final class StillWaiting extends RuntimeException {
        StillWaiting(int sleeps) {
            super("still waiting after " + sleeps + " polls");
        }
    }

    @BeforeEach
    void chiefDirectory() throws IOException {
        paths = new JobPaths(tmp.resolve("job").toString());
        chief = new CheckpointManager(paths.checkpoints(), 5);
    }

    private CheckpointWatcher watcher(int maxSleeps) {
        return new CheckpointWatcher(paths, FileSystems.defaults(), MAX_STEPS, POLL, GRACE, () -> now, d -> {
            now = now.plus(d);
            sleeps.add(now);
            IoAction action = script.get(sleeps.size());
            try {
                if (action != null) {
                    action.run();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            if (sleeps.size() >= maxSleeps) {
                throw new StillWaiting(sleeps.size());
            }
        });
    }

    private void save(long step) throws IOException {
        chief.save(step, Map.of(TrainingState.GLOBAL_STEP, CheckpointValue.of(Tensor.scalar(DType.INT64, step))));
    }

    private void finish(long step) throws IOException {
        MetricsSnapshot metrics = new MetricsSnapshot(step, Map.of(TrainingEvents.TOP_1_ACCURACY, 0.5));
        FinalMetricsWriter.write(paths.finalMetrics(), TrainingEvents.TOP_1_ACCURACY, metrics, metrics);
    }

    @Test
    void waitsForTheChiefsFirstCheckpointThenForEachNewerOne() throws Exception {
        script.put(3, () -> save(10));
        CheckpointWatcher watcher = watcher(50);
        assertEquals(Optional.of(new CheckpointWatcher.Checkpoint(paths.checkpoints() + "/model.ckpt-10", 10)), watcher.next(-1));
        assertEquals(3, sleeps.size(), "found on the poll after the save");

        script.put(5, () -> save(20));
        assertEquals(20, watcher.next(10).orElseThrow().step());
        assertEquals(5, sleeps.size());
    }

    @Test
    void skipsToTheNewestCheckpoint() throws Exception {
        save(10);
        save(20);
        save(30);
        CheckpointWatcher watcher = watcher(50);
        assertEquals(30, watcher.next(-1).orElseThrow().step());
        assertEquals(30, watcher.next(10).orElseThrow().step(), "10 evaluated, 20 and 30 written since: 30 only");
        assertTrue(sleeps.isEmpty(), "no wait when a newer one is there: " + sleeps);
    }

    @Test
    void doesNotHandOutACheckpointAgainOrOneWhoseFilesAreIncomplete() throws Exception {
        save(10);
        save(20);
        Files.delete(Path.of(BundleNames.indexFile(chief.prefixFor(20))));
        assertEquals(10, watcher(50).next(-1).orElseThrow().step(), "20 lacks its index: 10 is the newest complete one");
        sleeps.clear();
        assertThrows(StillWaiting.class, () -> watcher(4).next(10));
        assertEquals(4, sleeps.size());
    }

    @Test
    void stopsOnceTheCheckpointAtMaxStepsIsEvaluated() throws Exception {
        save(MAX_STEPS);
        CheckpointWatcher watcher = watcher(50);
        assertEquals(MAX_STEPS, watcher.next(40).orElseThrow().step());
        assertEquals(Optional.empty(), watcher.next(MAX_STEPS));
        assertEquals("evaluated the checkpoint at step 100, the chief's last (--max_steps=100)", watcher.stopReason());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void stopsAfterTheGracePeriodWhenTheChiefFinishedBelowMaxSteps() throws Exception {
        save(30);
        finish(30);
        CheckpointWatcher watcher = watcher(50);
        assertEquals(Optional.empty(), watcher.next(30));
        assertEquals(GRACE.dividedBy(POLL), sleeps.size(), "stopped as the grace period ran out: " + sleeps);
        assertEquals("the chief finished at step 30 (final_metrics.json, no lock on the job directory), below --max_steps=100,"
                + " and wrote no newer checkpoint in 60 s", watcher.stopReason());
    }

    @Test
    void aNewerCheckpointDuringTheGracePeriodIsEvaluated() throws Exception {
        save(30);
        finish(30);
        script.put(4, () -> save(40)); // the chief was run again with a higher --max_steps
        assertEquals(40, watcher(50).next(30).orElseThrow().step());
    }

    @Test
    void keepsWaitingWhileTheChiefHoldsItsLockOrHasNotFinishedAtTheLastStep() throws Exception {
        save(30);
        finish(30);
        Path lock = Path.of(paths.jobDir()).resolve(JobDirectoryLock.FILE);
        Files.writeString(lock, "pid 1");
        assertThrows(StillWaiting.class, () -> watcher(30).next(30), "a resumed chief is running: its old final_metrics.json says nothing");

        Files.delete(lock);
        finish(20);
        sleeps.clear();
        assertThrows(StillWaiting.class, () -> watcher(30).next(30), "final_metrics.json from an earlier run, at step 20");
    }
}
