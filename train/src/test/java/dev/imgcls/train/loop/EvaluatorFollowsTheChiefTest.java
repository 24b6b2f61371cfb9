package dev.imgcls.train.loop;

import dev.imgcls.tensor.Backends;
import dev.imgcls.train.cli.TrainingArguments;
import dev.imgcls.train.cli.TrainingConfig;
import dev.imgcls.train.demo.PatternDataset;
import dev.imgcls.train.metrics.MetricsSnapshot;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evaluator task started before the chief: it waits for the first checkpoint, evaluates
 * checkpoints while the chief trains, ends with the chief's last one and its exact metrics, and
 * stops by itself. (A thread here; a separate process on a cluster.) With a moving average of the
 * weights it evaluates the checkpoint's averages, as the chief does.
 */
class EvaluatorFollowsTheChiefTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.5"})
    void evaluatesTheChiefsCheckpointsAsTheyAppearAndStopsAtItsLast(String movingAverageDecay) throws Exception {
        PatternDataset.Written data = PatternDataset.write(tmp.resolve("data"), 3, 8, 24, 1, 5);
        TrainingConfig config = TrainingArguments.parseConfig("--training_data_path=" + data.trainingPattern(),
                "--validation_data_path=" + data.validationPattern(), "--job-dir=" + tmp.resolve("job"), "--num_classes=3",
                "--max_steps=6", "--eval_every_steps=2", "--train_batch_size=4", "--image_size=24", "--model_type=resnet-18", "--seed=9",
                "--moving_average_decay=" + movingAverageDecay);
        ByteArrayOutputStream evaluatorBytes = new ByteArrayOutputStream();
        EvaluatorTask task = new EvaluatorTask(config, new PrintStream(evaluatorBytes, true, StandardCharsets.UTF_8), Backends.all(),
                Duration.ofMillis(50), Duration.ofSeconds(60));
        FutureTask<List<MetricsSnapshot>> evaluator = new FutureTask<>(task::run);
        Thread thread = new Thread(evaluator, "evaluator");
        thread.setDaemon(true);
        thread.start();

        ByteArrayOutputStream chiefBytes = new ByteArrayOutputStream();
        JobReport chief = TrainingJob.run(config, new JobEnvironment(new PrintStream(chiefBytes, true, StandardCharsets.UTF_8), Map.of(),
                new RecordingExporter(), (m, p, o) -> {
                    throw new AssertionError("no warm start was asked for");
                }));
        List<MetricsSnapshot> evaluated = evaluator.get(120, TimeUnit.SECONDS);
        String out = evaluatorBytes.toString(StandardCharsets.UTF_8);
        System.out.print(out);

        List<Long> steps = evaluated.stream().map(MetricsSnapshot::globalStep).toList();
        assertTrue(List.of(2L, 4L, 6L).containsAll(steps), "only the chief's checkpoints: " + steps);
        assertEquals(steps.stream().sorted().distinct().toList(), steps, "each once, newer each time");
        assertEquals(6L, steps.get(steps.size() - 1), "the last is the chief's final checkpoint:\n" + out);
        assertEquals(chief.finalMetrics(), evaluated.get(evaluated.size() - 1), "the chief's own evaluation at step 6");
        assertTrue(out.contains("evaluator: done after " + steps.size() + " evaluation"), out);
    }
}
