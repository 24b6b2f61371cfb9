package dev.imgcls.export.warmstart;

import dev.imgcls.export.checkpoint.BundleWriter;
import dev.imgcls.export.checkpoint.CheckpointManager;
import dev.imgcls.export.checkpoint.CheckpointValue;
import dev.imgcls.export.checkpoint.UnsupportedCheckpointException;
import dev.imgcls.io.FileSystems;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What --pretrained_checkpoint_path may name, and the errors for what it may not. */
class PretrainedCheckpointPathTest {

    @TempDir
    Path dir;

    private static void writeBundle(String prefix) throws IOException {
        try (BundleWriter writer = BundleWriter.create(prefix)) {
            writer.add("dense/bias", Tensor.of(new float[] {1.5f, -2f}, 2));
            writer.finish();
        }
    }

    private String path(String relative) {
        return dir.resolve(relative).toString();
    }

    @Test
    void aPrefixOrAnyOfItsFilesNamesThatCheckpoint() throws IOException {
        String prefix = path("run/model.ckpt-112603");
        writeBundle(prefix);
        Files.writeString(Path.of(prefix + ".meta"), "graph");

        assertEquals(prefix, PretrainedCheckpointPath.resolve(prefix));
        assertEquals(prefix, PretrainedCheckpointPath.resolve(prefix + ".index"));
        assertEquals(prefix, PretrainedCheckpointPath.resolve(prefix + ".data-00000-of-00001"));
        assertEquals(prefix, PretrainedCheckpointPath.resolve(prefix + ".meta"));
    }

    @Test
    void aDirectoryMeansItsLatestCheckpoint() throws IOException {
        CheckpointManager checkpoints = new CheckpointManager(path("model_dir"), 5);
        Map<String, CheckpointValue> values = Map.of("dense/bias", CheckpointValue.of(Tensor.of(new float[] {1f}, 1)));
        checkpoints.save(100, values);
        String latest = checkpoints.save(200, values);

        assertEquals(latest, PretrainedCheckpointPath.resolve(path("model_dir")));
        assertEquals(latest, PretrainedCheckpointPath.resolve(path("model_dir") + "/"));
    }

    @Test
    void aJobDirectoryMeansTheLatestCheckpointOfItsCheckpointsSubdirectory() throws IOException {
        String latest = new CheckpointManager(path("job/checkpoints"), 5)
                .save(300, Map.of("dense/bias", CheckpointValue.of(Tensor.of(new float[] {1f}, 1))));
        Files.createDirectories(dir.resolve("job/model"));
        Files.writeString(dir.resolve("job/model/saved_model.pb"), "not a checkpoint");

        assertEquals(latest, PretrainedCheckpointPath.resolve(path("job")));
    }

    @Test
    void anUnpackedGoogleArchiveIsFoundWithOrWithoutItsStateFile() throws IOException {
        String prefix = path("efficientnet-b0/model.ckpt");
        writeBundle(prefix);
        Files.writeString(Path.of(prefix + ".meta"), "graph");
        assertEquals(prefix, PretrainedCheckpointPath.resolve(path("efficientnet-b0")), "its only .index");

        Files.writeString(dir.resolve("efficientnet-b0/checkpoint"), "model_checkpoint_path: \"/usr/local/google/efficientnet-b0/model.ckpt\"\n");
        assertEquals(prefix, PretrainedCheckpointPath.resolve(path("efficientnet-b0")), "the state file's absolute path, relocated");
    }

    @Test
    void aDirectoryWithoutARecognisableLatestCheckpointAsksForOne() throws IOException {
        writeBundle(path("several/model-a.ckpt"));
        writeBundle(path("several/model-b.ckpt"));

        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> PretrainedCheckpointPath.resolve(path("several")));
        assertTrue(e.getMessage().contains("it holds model-a.ckpt.index, model-b.ckpt.index, but none that is complete and"
                + " recognisably the latest: name one, e.g. " + path("several/model-a.ckpt")), e.getMessage());
    }

    @Test
    void archivesAreRefusedWithHowToUnpackThem() throws IOException {
        Files.writeString(dir.resolve("efficientnet-b0.tar.gz"), "gzip bytes");
        UnsupportedCheckpointException local = assertThrows(UnsupportedCheckpointException.class,
                () -> PretrainedCheckpointPath.resolve(path("efficientnet-b0.tar.gz")));
        assertTrue(local.getMessage().contains("Unpack it first: tar xzf efficientnet-b0.tar.gz"), local.getMessage());
        assertTrue(local.getMessage().contains("--pretrained_checkpoint_path=efficientnet-b0/model.ckpt"), local.getMessage());

        UnsupportedCheckpointException remote = assertThrows(UnsupportedCheckpointException.class, () -> PretrainedCheckpointPath.resolve(
                GcsOnLocalDisk.fileSystems(dir), "gs://cloud-tpu-checkpoints/efficientnet/ckpts/efficientnet-b3.tgz"));
        assertTrue(remote.getMessage().contains("Unpack it first: gsutil cp gs://cloud-tpu-checkpoints/efficientnet/ckpts/"
                + "efficientnet-b3.tgz . && tar xzf efficientnet-b3.tgz"), remote.getMessage());
    }

    @Test
    void aDirectoryHoldingOnlyAnArchiveSaysToUnpackIt() throws IOException {
        Files.createDirectories(dir.resolve("downloads"));
        Files.writeString(dir.resolve("downloads/efficientnet-b2.tar.gz"), "gzip bytes");

        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> PretrainedCheckpointPath.resolve(path("downloads")));
        assertTrue(e.getMessage().contains("no checkpoint in directory " + path("downloads")), e.getMessage());
        assertTrue(e.getMessage().contains("It holds the archive efficientnet-b2.tar.gz: " + path("downloads/efficientnet-b2.tar.gz")
                + " is an archive"), e.getMessage());
    }

    @Test
    void missingAndEmptyPathsSayWhatWasExpected() throws IOException {
        NoSuchFileException missing = assertThrows(NoSuchFileException.class,
                () -> PretrainedCheckpointPath.resolve(path("nowhere/model.ckpt-5")));
        assertTrue(missing.getMessage().contains("no checkpoint here: expected a checkpoint prefix (with model.ckpt-5.index beside it)"),
                missing.getMessage());

        Files.createDirectories(dir.resolve("empty"));
        NoSuchFileException empty = assertThrows(NoSuchFileException.class, () -> PretrainedCheckpointPath.resolve(path("empty")));
        assertTrue(empty.getMessage().contains(path("empty") + " is an empty directory"), empty.getMessage());

        NoSuchFileException job = assertThrows(NoSuchFileException.class, () -> {
            Files.createDirectories(dir.resolve("new-job/checkpoints"));
            Files.writeString(dir.resolve("new-job/checkpoints/events.out.tfevents.1"), "events");
            PretrainedCheckpointPath.resolve(path("new-job"));
        });
        assertTrue(job.getMessage().contains("no checkpoint in directory " + path("new-job/checkpoints")), job.getMessage());
    }

    @Test
    void cloudStoragePathsResolveThroughTheFileSystems() throws IOException {
        FileSystems fileSystems = GcsOnLocalDisk.fileSystems(dir);
        String latest = new CheckpointManager(fileSystems, "gs://bucket/job/checkpoints", CheckpointManager.DEFAULT_BASENAME, 2,
                Clock.systemUTC()).save(42, Map.of("dense/bias", CheckpointValue.of(Tensor.of(new float[] {1f}, 1))));

        assertEquals("gs://bucket/job/checkpoints/model.ckpt-42", latest);
        assertEquals(latest, PretrainedCheckpointPath.resolve(fileSystems, "gs://bucket/job"));
        assertEquals(latest, PretrainedCheckpointPath.resolve(fileSystems, "gs://bucket/job/checkpoints"));
        assertEquals(latest, PretrainedCheckpointPath.resolve(fileSystems, latest + ".index"));
    }
}
