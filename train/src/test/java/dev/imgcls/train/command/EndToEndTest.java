package dev.imgcls.train.command;

import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.TFRecord;
import dev.imgcls.data.tfrecord.TFRecordReader;
import dev.imgcls.train.demo.PatternDataset;
import dev.imgcls.train.demo.PatternImages;
import dev.imgcls.train.events.proto.Event;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trainer as a user runs it, on a generated data set of a few hundred JPEGs: what the job
 * directory holds afterwards, the tuning metric file, the accuracy, and the exported model
 * answering {@code predict} and {@code inspect}.
 */
class EndToEndTest {
    @TempDir
    static Path tmp;
    static PatternDataset.Written data;
    static Path jobDir;
    static Path metricFile;
    static CommandRun training;

    @BeforeAll
    static void train() throws IOException {
        data = PatternDataset.write(tmp.resolve("data"), 3, 80, 48, 2, 11);
        jobDir = tmp.resolve("job");
        metricFile = tmp.resolve("hypertune/output.metrics");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TrainCommand.run(new String[] {"--training_data_path=" + data.trainingPattern(),
                        "--validation_data_path=" + data.validationPattern(), "--job-dir=" + jobDir, "--num_classes=3",
                        "--max_steps=120", "--train_batch_size=16", "--image_size=24", "--model_type=resnet-18",
                        "--initial_learning_rate=0.01", "--warmup_steps=10", "--eval_every_steps=40"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("CLOUD_ML_HP_METRIC_FILE", metricFile.toString()));
        training = new CommandRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        System.out.print(training.out());
        assertEquals(0, status, training.toString());
    }

    @Test
    void learnsFarAboveChance() throws IOException {
        String metrics = Files.readString(jobDir.resolve("final_metrics.json"));
        Matcher best = Pattern.compile("\"best\": \\{\"global_step\": \\d+, \"loss\": [^,]+, \"top_1_accuracy\": ([0-9.]+)").matcher(metrics);
        assertTrue(best.find(), metrics);
        assertTrue(Double.parseDouble(best.group(1)) >= 0.7, "best top-1 with 3 classes (chance 0.33): " + metrics);
        assertTrue(metrics.contains("\"final\": {\"global_step\": 120"), metrics);
        assertTrue(metrics.contains("\"objective\": \"top_1_accuracy\""), metrics);
    }

    @Test
    void jobDirectoryHoldsCheckpointsEventsAndTheModel() throws IOException {
        Path checkpoints = jobDir.resolve("checkpoints");
        assertTrue(Files.readString(checkpoints.resolve("checkpoint")).contains("model_checkpoint_path: \"model.ckpt-120\""));
        for (int step : new int[] {40, 80, 120}) {
            assertTrue(Files.isRegularFile(checkpoints.resolve("model.ckpt-" + step + ".index")), "checkpoint at " + step);
            assertTrue(Files.isRegularFile(checkpoints.resolve("model.ckpt-" + step + ".data-00000-of-00001")));
        }
        assertTrue(Files.isRegularFile(jobDir.resolve("model/saved_model.pb")));
        assertTrue(Files.size(jobDir.resolve("model/model.onnx")) > 1000, "the ONNX model beside the SavedModel");

        Set<String> trainTags = tags(checkpoints);
        assertTrue(trainTags.containsAll(List.of("loss", "learning_rate", "images_per_sec")), trainTags.toString());
        Set<String> evalTags = tags(checkpoints.resolve("eval"));
        assertTrue(evalTags.containsAll(List.of("loss", "top_1_accuracy", "top_5_accuracy", "macro_avg/f1", "per_class_f1/checks")), evalTags.toString());
        assertEquals(3 + 3 + 3 * 3, evalTags.size(), "the metrics, the macro averages and 3 scores of 3 classes: " + evalTags);
    }

    @Test
    void everyEvaluationReportsTheTuningMetric() throws IOException {
        List<String> lines = Files.readAllLines(metricFile);
        assertEquals(3, lines.size(), lines.toString());
        for (int i = 0; i < 3; i++) {
            assertTrue(lines.get(i).matches("\\{\"global_step\": \"" + 40 * (i + 1)
                    + "\", \"timestamp\": [0-9.]+, \"top_1_accuracy\": \"[0-9.e-]+\", \"trial\": \"0\"}"), lines.get(i));
        }
    }

    @Test
    void theExportedModelPredictsNewPictures() throws IOException {
        SplittableRandom random = new SplittableRandom(99);
        List<String> args = new ArrayList<>(List.of("predict", "--labels=" + tmp.resolve("data/labels.txt"), jobDir.resolve("model").toString()));
        int pictures = 12;
        for (int i = 0; i < pictures; i++) {
            Path file = tmp.resolve("picture-" + i + "-" + PatternImages.CLASSES.get(i % 3) + ".jpg");
            Files.write(file, PatternDataset.jpeg(PatternImages.draw(i % 3, 48, random)));
            args.add(file.toString());
        }
        CommandRun run = CommandRun.of(args.toArray(String[]::new));
        assertEquals(0, run.status(), run.toString());
        String[] lines = run.out().split("\n");
        assertEquals(pictures, lines.length, run.out());
        int right = 0;
        for (int i = 0; i < pictures; i++) {
            assertTrue(lines[i].matches("\\{\"image\": \".*picture-" + i + "-.*\", \"class\": [0-2], \"label\": \"[a-z-]+\", "
                    + "\"probabilities\": \\[[^,]+, [^,]+, [^,]+]}"), lines[i]);
            right += lines[i].contains("\"label\": \"" + PatternImages.CLASSES.get(i % 3) + "\"") ? 1 : 0;
        }
        assertTrue(right >= 6, "right on " + right + " of " + pictures + ":\n" + run.out());
    }

    @Test
    void inspectDescribesTheCheckpointAndTheModel() {
        CommandRun checkpoint = CommandRun.of("inspect", jobDir.resolve("checkpoints").toString());
        assertEquals(0, checkpoint.status(), checkpoint.toString());
        assertTrue(checkpoint.out().contains("global_step"), checkpoint.out());
        assertTrue(checkpoint.out().contains("resnet_model/conv2d/kernel/Momentum") || checkpoint.out().contains("/Momentum"), checkpoint.out());
        CommandRun model = CommandRun.of("inspect", jobDir.resolve("model").toString());
        assertEquals(0, model.status(), model.toString());
        assertTrue(model.out().contains("signature_def['serving_default']"), model.out());
        assertTrue(model.out().contains("model_type: resnet-18") && model.out().contains("num_classes: 3")
                && model.out().contains("image_size: 24"), model.out());
    }

    @Test
    void aNewJobWarmStartsFromThePretrainedCheckpointAndAResumedOneDoesNot() {
        Path warm = tmp.resolve("warm");
        String[] args = {"--training_data_path=" + data.trainingPattern(), "--validation_data_path=" + data.validationPattern(),
                "--job-dir=" + warm, "--num_classes=4", "--max_steps=2", "--train_batch_size=16", "--image_size=24",
                "--model_type=resnet-18", "--pretrained_checkpoint_path=" + jobDir.resolve("checkpoints")};
        CommandRun first = train(args);
        assertEquals(0, first.status(), first.toString());
        assertTrue(first.out().contains("Warm start of resnet-18 (4 classes) from " + jobDir.resolve("checkpoints/model.ckpt-120")),
                first.out());
        assertTrue(first.out().contains("kept fresh, other shape in the checkpoint"), "the 3-class head is not loaded:\n" + first.out());

        args[4] = "--max_steps=4";
        CommandRun resumed = train(args);
        assertEquals(0, resumed.status(), resumed.toString());
        assertTrue(resumed.out().contains("resuming from " + warm.resolve("checkpoints/model.ckpt-2") + " at step 2"), resumed.out());
        assertTrue(!resumed.out().contains("Warm start"), "a resumed job keeps its own weights:\n" + resumed.out());
    }

    private static CommandRun train(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TrainCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("CLOUD_ML_HP_METRIC_FILE", tmp.resolve("warm.metrics").toString()));
        return new CommandRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Set<String> tags(Path dir) throws IOException {
        Set<String> tags = new HashSet<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).toList();
        }
        assertEquals(1, files.size(), "one event file in " + dir);
        try (TFRecordReader reader = TFRecordReader.open(files.get(0).toString(), Compression.NONE)) {
            for (TFRecord r = reader.next(); r != null; r = reader.next()) {
                Event.parseFrom(r.payload()).getSummary().getValueList().forEach(v -> tags.add(v.getTag()));
            }
        }
        return tags;
    }
}
