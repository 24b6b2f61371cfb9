package dev.imgcls.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imgcls.tune.study.Study;
import dev.imgcls.tune.study.StudyStore;
import dev.imgcls.tune.study.Trial;
import dev.imgcls.tune.study.TrialState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneCommandTest {
    private static final String SPEC = """
            trainingInput:
              hyperparameters:
                goal: MAXIMIZE
                hyperparameterMetricTag: top_1_accuracy
                maxTrials: 4
                maxParallelTrials: 2
                params:
                  - parameterName: initial_learning_rate
                    type: DOUBLE
                    minValue: 0.0001
                    maxValue: 1
                    scaleType: UNIT_LOG_SCALE
                  - parameterName: optimizer_type
                    type: CATEGORICAL
                    categoricalValues: [momentum, adam]
            """;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int tune(TuneOptions options) {
        return TuneCommand.run(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** A study on 4 threads with a 50 ms poll. */
    private static TuneOptions options(Path spec, Path jobDir, OptionalLong seed, String trainerCommand,
            String... trainerArguments) {
        return new TuneOptions(spec, jobDir, seed, Optional.ofNullable(trainerCommand), Duration.ofMillis(50), 4,
                List.of(trainerArguments));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts the fake trainer with the test classpath. */
    private static String fakeTrainerCommand() {
        return "'" + java() + "' -cp '" + System.getProperty("java.class.path") + "' " + FakeTrainer.class.getName();
    }

    @Test
    void helpShowsUsageAndAnExampleSpec() {
        String help = TuneHelp.text();
        assertTrue(help.contains("Usage: tune --config=STUDY.yaml --job-dir=DIR"), help);
        assertTrue(help.contains("parameterName: initial_learning_rate"), help);
        assertTrue(help.contains("Tunable arguments: initial_learning_rate, learning_rate_decay_type, max_steps"), help);
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path dir) {
        IllegalArgumentException gcs = assertThrows(IllegalArgumentException.class,
                () -> TuneOptions.localJobDir("gs://bucket/study"));
        assertTrue(gcs.getMessage().contains("--job-dir must be a local directory"), gcs.getMessage());
        assertEquals(dir, TuneOptions.localJobDir(dir.toString()));
        assertThrows(IllegalArgumentException.class, () -> TuneOptions.pollSeconds(0));
        assertThrows(IllegalArgumentException.class, () -> TuneOptions.pollSeconds(3601));
        assertEquals(Duration.ofMillis(50), TuneOptions.pollSeconds(0.05));
        assertThrows(IllegalArgumentException.class, () -> new TuneOptions(dir.resolve("s.yaml"), dir,
                OptionalLong.empty(), Optional.empty(), Duration.ofSeconds(1), 0, List.of()));
        assertEquals(2, tune(options(dir.resolve("absent.yaml"), dir, OptionalLong.empty(), "true")));
        assertTrue(err().contains("no such file"), err());
    }

    @Test
    void anInvalidSpecListsItsProblemsAndRunsNothing(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("study.yaml");
        Files.writeString(spec, "maxTrials: 2\nmaxParallelTrials: 3\nparams:\n"
                + "  - {parameterName: model_type, type: CATEGORICAL, categoricalValues: [resnet-51]}\n");
        Path jobDir = dir.resolve("job");
        assertEquals(2, tune(options(spec, jobDir, OptionalLong.empty(), "true")));
        assertTrue(err().contains("maxParallelTrials (3) must not exceed maxTrials (2)"), err());
        assertTrue(err().contains("'resnet-51' is not a valid model_type"), err());
        assertTrue(!Files.exists(jobDir.resolve(StudyStore.FILE_NAME)));
    }

    @Test
    void withoutATrainerJarTheCommandMustBeGiven(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("study.yaml");
        Files.writeString(spec, SPEC);
        assertEquals(2, tune(options(spec, dir.resolve("job"), OptionalLong.empty(), null)));
        assertTrue(err().contains("--trainer_command is required"), err());
    }

    /**
     * A real study: the tuner runs as its own process, with the fake trainer as real subprocesses, 4 trials, 2 at a
     * time. It is killed (SIGKILL) once two trials have finished, then the same command resumes the study: the
     * finished trials are not run again, the interrupted ones are, and the study completes.
     */
    @Test
    void aStudyKilledMidwayResumesWithoutRepeatingFinishedTrials(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("study.yaml");
        Files.writeString(spec, SPEC);
        Path jobDir = dir.resolve("study");
        List<String> tuner = List.of(java(), "-cp", System.getProperty("java.class.path"),
                TunerProcess.class.getName(), spec.toString(), jobDir.toString(), "3", fakeTrainerCommand(),
                "--fake_pause_ms=150");
        Path tunerLog = dir.resolve("tuner.log");
        ProcessBuilder firstRun = new ProcessBuilder(tuner).redirectErrorStream(true).redirectOutput(tunerLog.toFile());
        // Trials 3 and 4 of the first run are slow, so they are running when the tuner is killed and go on
        // running without it: the resumed tuner has to end them before it starts them again.
        firstRun.environment().put("FAKE_SLOW_TRIALS", "3,4");
        Process first = firstRun.start();
        JsonObject atKill;
        try {
            atKill = waitForStates(jobDir.resolve(StudyStore.FILE_NAME), first, tunerLog);
        } finally {
            first.destroyForcibly();
            first.waitFor(10, TimeUnit.SECONDS);
        }
        List<Long> orphans = new ArrayList<>();
        for (JsonElement t : atKill.getAsJsonArray("trials")) {
            JsonObject trial = t.getAsJsonObject();
            if (trial.get("state").getAsString().equals("ACTIVE")) {
                orphans.add(trial.get("pid").getAsLong());
            }
        }
        assertEquals(2, orphans.size());
        for (long pid : orphans) {
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "trial run " + pid
                    + " outlived its tuner");
        }

        assertEquals(0, tune(options(spec, jobDir, OptionalLong.of(3), fakeTrainerCommand(), "--fake_pause_ms=150")),
                out() + err());
        for (long pid : orphans) {
            assertTrue(out().contains("old run (pid " + pid + "), still running from before"), out());
            assertTrue(!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " ended");
        }

        Study study = new StudyStore(jobDir).load();
        assertEquals(4, study.trials().size());
        for (Trial t : study.trials()) {
            assertEquals(TrialState.SUCCEEDED, t.state(), "trial " + t.id());
            Path trialDir = jobDir.resolve(Integer.toString(t.id()));
            List<String> starts = Files.readAllLines(trialDir.resolve("invocations.txt"));
            int expectedStarts = t.id() <= 2 ? 1 : 2;
            assertEquals(expectedStarts, starts.size(), "starts of trial " + t.id());
            assertEquals(expectedStarts, t.launches(), "launches of trial " + t.id());
            assertEquals(5, t.history().size());
            assertTrue(Files.isRegularFile(trialDir.resolve("hypertune/output.metrics")));
        }
        assertTrue(out().contains("Resuming the study in " + jobDir + ": "), out());
        Trial best = study.best().orElseThrow();
        assertTrue(out().contains("Best trial " + best.id() + ": top_1_accuracy = "), out());
        assertTrue(out().contains("model: " + jobDir.resolve(Integer.toString(best.id())).resolve("model")), out());
        assertTrue(out().contains("Study finished: 4 trials (4 succeeded, 0 stopped early, 0 failed)"), out());
    }

    /** Polls the study file until trials 1 and 2 succeeded and trials 3 and 4 run; returns that study. */
    private static JsonObject waitForStates(Path studyFile, Process tuner, Path tunerLog) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> wanted = List.of("SUCCEEDED", "SUCCEEDED", "ACTIVE", "ACTIVE");
        while (System.nanoTime() < deadline) {
            if (!tuner.isAlive()) {
                throw new AssertionError("the tuner exited early:\n" + Files.readString(tunerLog));
            }
            if (Files.exists(studyFile)) {
                JsonObject study = JsonParser.parseString(Files.readString(studyFile)).getAsJsonObject();
                List<String> states = new ArrayList<>();
                for (JsonElement t : study.getAsJsonArray("trials")) {
                    states.add(t.getAsJsonObject().get("state").getAsString());
                }
                // The running trials must also have started (recorded their invocation): on a loaded
                // machine a trial's JVM can still be starting when the tuner has marked it ACTIVE.
                if (states.equals(wanted) && Files.exists(studyFile.resolveSibling("3").resolve("invocations.txt"))
                        && Files.exists(studyFile.resolveSibling("4").resolve("invocations.txt"))) {
                    return study;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the study never had two finished and two running trials:\n"
                + Files.readString(tunerLog));
    }
}
