package dev.imgcls.train.loop;

import dev.imgcls.export.checkpoint.BundleReader;
import dev.imgcls.export.checkpoint.BundleWriter;
import dev.imgcls.export.checkpoint.CheckpointValue;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.TrainingArguments;
import dev.imgcls.train.demo.PatternDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A job keeps its --image_size: resuming with another stops at once, except from checkpoints that predate recording it. */
class ResumeImageSizeTest {
    @TempDir
    static Path tmp;
    static PatternDataset.Written data;

    @BeforeAll
    static void data() throws IOException {
        data = PatternDataset.write(tmp.resolve("data"), 3, 8, 20, 1, 5);
    }

    private static String run(Path jobDir, int maxSteps, int imageSize) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TrainingJob.run(TrainingArguments.parseConfig("--training_data_path=" + data.trainingPattern(),
                "--validation_data_path=" + data.validationPattern(), "--job-dir=" + jobDir, "--num_classes=3",
                "--max_steps=" + maxSteps, "--train_batch_size=2", "--image_size=" + imageSize, "--model_type=resnet-18"),
                new JobEnvironment(new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of(), new RecordingExporter(),
                        (m, p, o) -> {
                            throw new AssertionError("no warm start was asked for");
                        }, StopRequest.NEVER));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void resumingWithAnotherImageSizeIsRefused() throws IOException {
        Path job = tmp.resolve("job");
        run(job, 1, 16);
        String prefix = job.resolve("checkpoints/model.ckpt-1").toString();
        assertEquals(16L, BundleReader.open(prefix).readAll(n -> true).get(TrainingState.IMAGE_SIZE).tensor().toLongArray()[0]);
        ArgumentException e = assertThrows(ArgumentException.class, () -> run(job, 2, 24));
        assertEquals(List.of(job + " was trained with --image_size=16; resume with the same value or use a new --job-dir"), e.problems());
        for (String java : List.of("Exception", "java.", "nio.")) {
            assertFalse(e.getMessage().contains(java), java + " in " + e.getMessage());
        }
        assertTrue(run(job, 2, 16).contains("resuming from " + prefix + " at step 1"));
    }

    @Test
    void checkpointWithoutTheImageSizeStillResumes() throws IOException {
        Path job = tmp.resolve("old-job");
        run(job, 1, 16);
        String prefix = job.resolve("checkpoints/model.ckpt-1").toString();
        // As a checkpoint written before the image size was recorded.
        Map<String, CheckpointValue> values = new LinkedHashMap<>(BundleReader.open(prefix).readAll(n -> true));
        values.remove(TrainingState.IMAGE_SIZE);
        for (String suffix : List.of(".index", ".data-00000-of-00001")) {
            Files.delete(Path.of(prefix + suffix));
        }
        BundleWriter.write(prefix, values);
        String resumed = run(job, 2, 24);
        assertTrue(resumed.contains("resuming from " + prefix + " at step 1"), resumed);
        assertTrue(resumed.contains("finished at step 2"), resumed);
    }
}
