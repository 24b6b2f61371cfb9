package dev.imgcls.export.checkpoint;

import dev.imgcls.io.FileSystems;
import dev.imgcls.io.LocalFileSystem;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoint directories: keep-last-K, the state file, latest-complete selection, local and gs://. */
class CheckpointManagerTest {

    @TempDir
    Path dir;

    /** A clock the test moves: each save gets a distinct, known timestamp. */
    private static final class SteppingClock extends Clock {
        private long millis;

        SteppingClock(long startMillis) {
            this.millis = startMillis;
        }

        void advance(long ms) {
            millis += ms;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private static Map<String, CheckpointValue> values(long step) {
        Map<String, CheckpointValue> v = new LinkedHashMap<>();
        v.put("global_step", CheckpointValue.of(Tensor.ofLongs(new long[] {step})));
        v.put("dense/kernel", CheckpointValue.of(Tensor.of(new float[] {step, -step, 0.5f, 2}, 2, 2)));
        return v;
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> bundleFiles(long... steps) {
        return Arrays.stream(steps).boxed()
                .flatMap(s -> Stream.of("model.ckpt-" + s + ".data-00000-of-00001", "model.ckpt-" + s + ".index")).toList();
    }

    private CheckpointManager manager(int keep, Clock clock) throws IOException {
        return new CheckpointManager(FileSystems.defaults(), dir.toString(), CheckpointManager.DEFAULT_BASENAME, keep, clock);
    }

    @Test
    void keepsTheLastKCheckpointsAndDeletesTheFilesOfOlderOnes() throws IOException {
        SteppingClock clock = new SteppingClock(1_700_000_000_000L);
        CheckpointManager manager = manager(3, clock);
        for (long step = 100; step <= 600; step += 100) {
            clock.advance(250);
            String prefix = manager.save(step, values(step));
            assertEquals(dir.resolve("model.ckpt-" + step).toString(), prefix);
            assertEquals(Optional.of(prefix), manager.latest());
        }
        List<String> expected = new java.util.ArrayList<>(List.of("checkpoint"));
        expected.addAll(bundleFiles(400, 500, 600));
        assertEquals(expected, files(), "three bundles and the state file, no temporary files");
        assertEquals(List.of(dir + "/model.ckpt-400", dir + "/model.ckpt-500", dir + "/model.ckpt-600"), manager.checkpoints());
        assertEquals("""
                model_checkpoint_path: "model.ckpt-600"
                all_model_checkpoint_paths: "model.ckpt-400"
                all_model_checkpoint_paths: "model.ckpt-500"
                all_model_checkpoint_paths: "model.ckpt-600"
                all_model_checkpoint_timestamps: 1700000001.0
                all_model_checkpoint_timestamps: 1700000001.25
                all_model_checkpoint_timestamps: 1700000001.5
                last_preserved_timestamp: 1700000000.0
                """, Files.readString(dir.resolve("checkpoint")));
        BundleReader reader = BundleReader.open(manager.latest().orElseThrow());
        assertArrayEquals(new long[] {600}, reader.readTensor("global_step").toLongArray());
    }

    @Test
    void leftoversOfInterruptedSavesAreRemovedAndListedCheckpointsKept() throws IOException {
        CheckpointManager manager = manager(2, Clock.systemUTC());
        manager.save(1, values(1));
        manager.save(2, values(2));
        // Killed after writing step 3's bundle, before the state file named it; and inside a write.
        BundleWriter.write(dir.resolve("model.ckpt-3").toString(), values(3));
        Files.writeString(dir.resolve(".model.ckpt-4.data-00000-of-00001.x1y2.tmp"), "partial");
        // Expired but not deleted, and files that are not ours.
        BundleWriter.write(dir.resolve("model.ckpt-0").toString(), values(0));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Files.writeString(dir.resolve("other.ckpt-7.index"), "another basename");

        assertEquals(5, new CheckpointManager(FileSystems.defaults(), dir.toString(), CheckpointManager.DEFAULT_BASENAME, 2,
                Clock.systemUTC()).removeStale());
        List<String> expected = new java.util.ArrayList<>(List.of("checkpoint", "notes.txt", "other.ckpt-7.index"));
        expected.addAll(bundleFiles(1, 2));
        expected.sort(null);
        assertEquals(expected, files());
        assertEquals(0, manager.removeStale(), "nothing left to remove");
    }

    @Test
    void withoutAStateFileOnlyTemporaryFilesAreRemoved() throws IOException {
        BundleWriter.write(dir.resolve("model.ckpt-3").toString(), values(3));
        Files.writeString(dir.resolve(".model.ckpt-4.index.abc.tmp"), "partial");
        assertEquals(1, manager(1, Clock.systemUTC()).removeStale());
        assertEquals(bundleFiles(3), files(), "the bundles are the only record of the job");
    }

    @Test
    void savingAStepAgainReplacesItInsteadOfKeepingItTwice() throws IOException {
        CheckpointManager manager = manager(2, Clock.systemUTC());
        manager.save(1, values(1));
        manager.save(2, values(2));
        manager.save(2, values(20));
        assertEquals(List.of(dir + "/model.ckpt-1", dir + "/model.ckpt-2"), manager.checkpoints());
        assertArrayEquals(new long[] {20}, BundleReader.open(manager.latest().orElseThrow()).readTensor("global_step").toLongArray());
    }

    @Test
    void aHalfWrittenOrDamagedNewestCheckpointIsSkippedForThePreviousOne() throws IOException {
        CheckpointManager manager = manager(5, Clock.systemUTC());
        for (long step = 1; step <= 3; step++) {
            manager.save(step, values(step));
        }
        Path index3 = dir.resolve("model.ckpt-3.index");
        Path data3 = dir.resolve("model.ckpt-3.data-00000-of-00001");
        byte[] index = Files.readAllBytes(index3);
        byte[] data = Files.readAllBytes(data3);
        String previous = dir.resolve("model.ckpt-2").toString();

        Files.delete(data3); // data file never arrived
        assertEquals(Optional.of(previous), manager.latest());
        Files.write(data3, Arrays.copyOf(data, data.length - 1)); // data file cut short
        assertEquals(Optional.of(previous), manager.latest());
        Files.write(data3, data);

        byte[] badCrc = index.clone();
        badCrc[3] ^= 0x40; // inside the first data block of the index
        Files.write(index3, badCrc);
        assertEquals(Optional.of(previous), manager.latest());
        Files.write(index3, Arrays.copyOf(index, index.length - 10)); // footer cut short
        assertEquals(Optional.of(previous), manager.latest());
        Files.delete(index3);
        assertEquals(Optional.of(previous), manager.latest());

        Files.delete(dir.resolve("model.ckpt-2.index"));
        assertEquals(Optional.of(dir.resolve("model.ckpt-1").toString()), manager.latest(), "falls back as far as needed");

        Files.write(index3, index);
        assertEquals(Optional.of(index3.toString().replace(".index", "")), manager.latest(), "repaired, it is the latest again");
    }

    @Test
    void withoutAUsableStateFileTheHighestCompleteStepIsFoundByListing() throws IOException {
        CheckpointManager manager = manager(5, Clock.systemUTC());
        manager.save(9, values(9));
        manager.save(10, values(10));
        manager.save(8, values(8)); // the state file now names 8 as the newest
        assertEquals(Optional.of(dir + "/model.ckpt-8"), manager.latest(), "the state file decides while it is usable");

        Files.delete(dir.resolve("checkpoint"));
        assertEquals(Optional.of(dir + "/model.ckpt-10"), CheckpointManager.latestCheckpoint(dir.toString()), "10 > 9 > 8 numerically");
        Files.writeString(dir.resolve("checkpoint"), "this is not { a checkpoint state");
        assertEquals(Optional.of(dir + "/model.ckpt-10"), CheckpointManager.latestCheckpoint(dir.toString()));
        Files.writeString(dir.resolve("checkpoint"), "model_checkpoint_path: \"model.ckpt-77\"\n");
        assertEquals(Optional.of(dir + "/model.ckpt-10"), CheckpointManager.latestCheckpoint(dir.toString()), "named one missing");

        assertEquals(Optional.empty(), CheckpointManager.latestCheckpoint(dir.resolve("empty").toString()));
    }

    @Test
    void aNewManagerContinuesTheDirectorysState() throws IOException {
        manager(2, Clock.systemUTC()).save(1, values(1));
        manager(2, Clock.systemUTC()).save(2, values(2));
        CheckpointManager resumed = manager(2, Clock.systemUTC());
        assertEquals(List.of(dir + "/model.ckpt-1", dir + "/model.ckpt-2"), resumed.checkpoints());
        resumed.save(3, values(3));
        List<String> expected = new java.util.ArrayList<>(List.of("checkpoint"));
        expected.addAll(bundleFiles(2, 3));
        assertEquals(expected, files(), "step 1, saved by an earlier manager, was deleted in turn");
    }

    @Test
    void absolutePathsOfACopiedDirectoryAreFoundInside() throws IOException {
        BundleWriter.write(dir.resolve("model.ckpt-1000").toString(), values(1000));
        BundleWriter.write(dir.resolve("model.ckpt-2000").toString(), values(2000));
        // As a TF1 Saver wrote it on another machine.
        Files.writeString(dir.resolve("checkpoint"), """
                model_checkpoint_path: "/somewhere/else/run/model.ckpt-2000"
                all_model_checkpoint_paths: "/somewhere/else/run/model.ckpt-1000"
                all_model_checkpoint_paths: "/somewhere/else/run/model.ckpt-2000"
                """);
        assertEquals(Optional.of(dir + "/model.ckpt-2000"), CheckpointManager.latestCheckpoint(dir.toString()));
    }

    @Test
    void stepsAndBasenamesAreChecked() throws IOException {
        assertEquals(1234, CheckpointManager.stepOf("gs://b/run/model.ckpt-1234"));
        assertThrows(IllegalArgumentException.class, () -> CheckpointManager.stepOf("/run/model.ckpt"));
        assertThrows(IllegalArgumentException.class, () -> manager(2, Clock.systemUTC()).prefixFor(-1));
        assertThrows(IllegalArgumentException.class, () -> manager(0, Clock.systemUTC()));
        assertThrows(IllegalArgumentException.class,
                () -> new CheckpointManager(FileSystems.defaults(), dir.toString(), "a/b", 2, Clock.systemUTC()));
    }

    @Test
    void worksOnCloudStoragePathsAndSurvivesFailedUploads() throws IOException {
        ObjectStoreFileSystem store = new ObjectStoreFileSystem();
        FileSystems fileSystems = new FileSystems(new LocalFileSystem(), () -> store);
        String run = "gs://bucket/run/checkpoints";
        CheckpointManager manager = new CheckpointManager(fileSystems, run, "model.ckpt", 2, Clock.systemUTC());
        for (long step = 1; step <= 3; step++) {
            manager.save(step, values(step));
        }
        assertEquals(List.of(run + "/checkpoint", run + "/model.ckpt-2.data-00000-of-00001", run + "/model.ckpt-2.index",
                run + "/model.ckpt-3.data-00000-of-00001", run + "/model.ckpt-3.index"), List.copyOf(store.objects().keySet()));
        assertEquals(Optional.of(run + "/model.ckpt-3"), manager.latest());
        BundleReader reader = BundleReader.open(fileSystems, run + "/model.ckpt-3");
        assertArrayEquals(new float[] {3, -3, 0.5f, 2}, reader.readTensor("dense/kernel").toFloatArray());
        assertArrayEquals(new long[] {3}, reader.readAll(n -> true).get("global_step").tensor().toLongArray());
        byte[] state = store.objects().get(run + "/checkpoint");

        // The index upload of step 4 fails: no step 4, state untouched.
        store.failUploads(p -> p.endsWith("model.ckpt-4.index"));
        assertThrows(IOException.class, () -> manager.save(4, values(4)));
        assertArrayEquals(state, store.objects().get(run + "/checkpoint"));
        assertFalse(store.objects().containsKey(run + "/model.ckpt-4.index"));
        assertEquals(Optional.of(run + "/model.ckpt-3"), manager.latest());

        // The state upload of step 5 fails: its bundle is complete, but the state still names step 3,
        // and nothing was deleted.
        store.failUploads(p -> p.endsWith("/checkpoint"));
        assertThrows(IOException.class, () -> manager.save(5, values(5)));
        assertArrayEquals(state, store.objects().get(run + "/checkpoint"));
        assertEquals(Optional.of(run + "/model.ckpt-3"), manager.latest());
        assertTrue(store.objects().containsKey(run + "/model.ckpt-2.index"));

        store.failUploads(p -> false);
        manager.save(6, values(6));
        assertEquals(List.of(run + "/model.ckpt-3", run + "/model.ckpt-6"), manager.checkpoints());
        assertFalse(store.objects().containsKey(run + "/model.ckpt-2.index"));
        assertEquals(Optional.of(run + "/model.ckpt-6"), CheckpointManager.latestCheckpoint(fileSystems, run));
        assertEquals(run + "/model.ckpt-6", CheckpointPaths.resolve(fileSystems, run));
    }
}
