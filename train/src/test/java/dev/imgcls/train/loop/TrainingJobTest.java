package dev.imgcls.train.loop;

import dev.imgcls.train.cli.TrainingArguments;
import dev.imgcls.train.cli.TrainingConfig;
import dev.imgcls.train.demo.ShapeDataset;
import dev.imgcls.train.events.TrainingEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingJobTest {
    @TempDir
    Path tmp;

    @Test
    void learnsTheShapes() throws Exception {
        ShapeDataset.Written data = ShapeDataset.write(tmp.resolve("data"), 60, 40, 2, 1);
        TrainingConfig config = TrainingArguments.parseConfig("--training_data_path=" + data.trainingPattern(),
                "--validation_data_path=" + data.validationPattern(), "--job-dir=" + tmp.resolve("job"),
                "--num_classes=" + data.numClasses(), "--max_steps=200", "--train_batch_size=16", "--image_size=32",
                "--model_type=resnet-18", "--initial_learning_rate=0.1", "--warmup_steps=10", "--eval_every_steps=50");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        JobReport report = TrainingJob.run(config, new JobEnvironment(new PrintStream(new TeeStream(bytes, System.out), true), Map.of(
                "CLOUD_ML_HP_METRIC_FILE", tmp.resolve("hp/metrics").toString()), new RecordingExporter(), (m, p, o) -> { }));
        System.out.printf("took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertTrue(report.best().get(TrainingEvents.TOP_1_ACCURACY) > 0.5, report.toString());
    }
}
