package dev.imgcls.train.loop;

import dev.imgcls.export.checkpoint.BundleReader;
import dev.imgcls.export.checkpoint.CheckpointValue;
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
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stopping and resuming changes nothing: a job stopped after k steps and started again ends
 * with exactly the variables, optimizer slots, moving-average shadows and step of N steps
 * straight. EfficientNet-B0, so dropout and drop-connect draws are part of what has to line up,
 * and the weights' moving average is on (its default for EfficientNet).
 */
class ResumeTest {
    @TempDir
    static Path tmp;
    static PatternDataset.Written data;

    @BeforeAll
    static void data() throws IOException {
        data = PatternDataset.write(tmp.resolve("data"), 8, 24, 2, 5);
    }

    @Test
    void stoppingAndResumingGivesTheWeightsOfAnUninterruptedRun() throws IOException {
        Path straight = tmp.resolve("straight");
        Path resumed = tmp.resolve("resumed");
        run(straight, 6, StopRequest.NEVER);
        String firstPart = run(resumed, 6, step -> step == 3);
        assertTrue(firstPart.contains("new job"), firstPart);
        assertTrue(firstPart.contains("stopped at step 3 of 6"), firstPart);
        simulateHalfWrittenCheckpoint(resumed.resolve("checkpoints"), 3, 5);
        String secondPart = run(resumed, 6, StopRequest.NEVER);
        assertTrue(secondPart.contains("resuming from " + resumed.resolve("checkpoints/model.ckpt-3") + " at step 3"), secondPart);
        assertTrue(secondPart.contains("skipping the 3 batches"), secondPart);
        assertTrue(secondPart.contains("at step 3, evaluating a moving average of the weights (--moving_average_decay=0.9999)\n"),
                "the shadows came from the checkpoint: " + secondPart);

        Map<String, CheckpointValue> expected = BundleReader.open(straight.resolve("checkpoints/model.ckpt-6").toString()).readAll(n -> true);
        Map<String, CheckpointValue> actual = BundleReader.open(resumed.resolve("checkpoints/model.ckpt-6").toString()).readAll(n -> true);
        assertEquals(expected.keySet(), actual.keySet());
        assertTrue(expected.keySet().stream().anyMatch(n -> n.endsWith("/Momentum")), "optimizer slots are checkpointed");
        assertTrue(expected.keySet().stream().anyMatch(n -> n.endsWith("moving_mean")), "moving statistics are checkpointed");
        assertTrue(expected.containsKey("efficientnet-b0/head/dense/kernel/ExponentialMovingAverage"), "shadows are checkpointed");
        assertTrue(expected.containsKey("efficientnet-b0/head/tpu_batch_normalization/moving_mean/ExponentialMovingAverage"),
                "moving statistics are averaged too");
        for (String name : expected.keySet()) {
            double[] e = expected.get(name).tensor().toDoubleArray();
            double[] a = actual.get(name).tensor().toDoubleArray();
            assertArrayEquals(e, a, name); // bit for bit: the resumed job repeats the same arithmetic
        }
        assertEquals(6L, actual.get(TrainingState.GLOBAL_STEP).tensor().toLongArray()[0]);
    }

    @Test
    void aJobAlreadyAtMaxStepsOnlyEvaluates() throws IOException {
        Path job = tmp.resolve("finished");
        run(job, 2, StopRequest.NEVER);
        long before = Files.getLastModifiedTime(job.resolve("checkpoints/model.ckpt-2.index")).toMillis();
        String again = run(job, 2, StopRequest.NEVER);
        assertTrue(again.contains("already at step 2 of max_steps=2: evaluating only"), again);
        assertTrue(again.contains("eval at step 2"), again);
        assertEquals(before, Files.getLastModifiedTime(job.resolve("checkpoints/model.ckpt-2.index")).toMillis());
        assertTrue(Files.readString(job.resolve("final_metrics.json")).contains("\"global_step\": 2"));
    }

    /**
     * A newer checkpoint whose data file was cut short (a copy or upload interrupted), named as
     * the newest by the state file: resuming must fall back to the complete one.
     */
    private static void simulateHalfWrittenCheckpoint(Path dir, long complete, long broken) throws IOException {
        Files.copy(dir.resolve("model.ckpt-" + complete + ".index"), dir.resolve("model.ckpt-" + broken + ".index"));
        byte[] bytes = Files.readAllBytes(dir.resolve("model.ckpt-" + complete + ".data-00000-of-00001"));
        Files.write(dir.resolve("model.ckpt-" + broken + ".data-00000-of-00001"), Arrays.copyOf(bytes, bytes.length / 2));
        Files.writeString(dir.resolve("checkpoint"), "model_checkpoint_path: \"model.ckpt-" + broken + "\"\n"
                + "all_model_checkpoint_paths: \"model.ckpt-" + complete + "\"\n"
                + "all_model_checkpoint_paths: \"model.ckpt-" + broken + "\"\n");
    }

    private static String run(Path jobDir, int maxSteps, StopRequest stop) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        TrainingJob.run(TrainingArguments.parseConfig("--training_data_path=" + data.trainingPattern(),
                "--validation_data_path=" + data.validationPattern(), "--job-dir=" + jobDir, "--num_classes=" + data.numClasses(),
                "--max_steps=" + maxSteps, "--train_batch_size=4", "--image_size=32", "--model_type=efficientnet-b0",
                "--initial_learning_rate=0.01", "--eval_every_steps=3", "--checkpoint_every_steps=3", "--seed=17"),
                new JobEnvironment(out, Map.of("CLOUD_ML_HP_METRIC_FILE", tmp.resolve("hp.metrics").toString()), new RecordingExporter(),
                        (m, p, o) -> {
                            throw new AssertionError("no warm start was asked for");
                        }, stop));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
