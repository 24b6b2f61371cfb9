package dev.imgcls.train.command;

import dev.imgcls.train.demo.PatternDataset;
import dev.imgcls.tune.study.Study;
import dev.imgcls.tune.study.StudyStore;
import dev.imgcls.tune.study.Trial;
import dev.imgcls.tune.study.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small real study: the tuner launches this project's trainer (not a stand-in) as subprocesses
 * on generated data, reads the metric files the trainer writes, and picks the best trial.
 */
class RealTrainerStudyTest {
    @Test
    void twoRealTrainingTrialsReportTopOneAndTheBestModelIsNamed(@TempDir Path dir) throws IOException {
        PatternDataset.Written data = PatternDataset.write(dir.resolve("data"), 3, 24, 24, 2, 7);
        Path spec = dir.resolve("study.yaml");
        Files.writeString(spec, """
                hyperparameters:
                  goal: MAXIMIZE
                  hyperparameterMetricTag: top_1_accuracy
                  maxTrials: 2
                  maxParallelTrials: 1
                  algorithm: GRID_SEARCH
                  params:
                    - parameterName: optimizer_type
                      type: CATEGORICAL
                      categoricalValues: [momentum, adam]
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String trainer = "'" + java + "' --add-modules=jdk.incubator.vector -Xmx2g -cp '" + System.getProperty("java.class.path") + "' "
                + Main.class.getName() + " train";
        Path jobDir = dir.resolve("study");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // Through the jar's own tune command: the training flags are checked by the one parser and passed to every trial.
        int status = Main.run(new String[] {"tune", "--config=" + spec, "--job-dir=" + jobDir, "--seed=3", "--trainer_command=" + trainer,
                "--training_data_path=" + data.trainingPattern(), "--validation_data_path=" + data.validationPattern(),
                "--num_classes=" + data.numClasses(), "--max_steps=6", "--eval_every_steps=3", "--train_batch_size=8",
                "--image_size=16", "--model_type=resnet-18", "--initial_learning_rate=0.01"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String console = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, console + err.toString(StandardCharsets.UTF_8));

        Study study = new StudyStore(jobDir).load();
        assertEquals(2, study.trials().size());
        for (Trial t : study.trials()) {
            assertEquals(TrialState.SUCCEEDED, t.state(), "trial " + t.id() + ": " + t.error().orElse(""));
            assertEquals(2, t.history().size(), "one metric line per evaluation (steps 3 and 6)");
            Path trialDir = jobDir.resolve(Integer.toString(t.id()));
            assertTrue(Files.isRegularFile(trialDir.resolve("model").resolve("saved_model.pb")), "trial " + t.id() + " exported a model");
            assertTrue(Files.isRegularFile(trialDir.resolve("hypertune").resolve("output.metrics")));
        }
        Trial best = study.best().orElseThrow();
        assertTrue(console.contains("Best trial " + best.id() + ": top_1_accuracy = "), console);
        assertTrue(console.contains("model: " + jobDir.resolve(Integer.toString(best.id())).resolve("model")), console);
    }
}
