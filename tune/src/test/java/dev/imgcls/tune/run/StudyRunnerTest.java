package dev.imgcls.tune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imgcls.tune.search.Suggesters;
import dev.imgcls.tune.space.Assignment;
import dev.imgcls.tune.space.ParameterValue;
import dev.imgcls.tune.spec.StudySpec;
import dev.imgcls.tune.spec.StudySpecParser;
import dev.imgcls.tune.study.MetricPoint;
import dev.imgcls.tune.study.Study;
import dev.imgcls.tune.study.StudyStore;
import dev.imgcls.tune.study.Trial;
import dev.imgcls.tune.study.TrialState;
import dev.imgcls.tune.testing.HypertuneFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyRunnerTest {
    private static final RunnerSettings FAST = new RunnerSettings(Duration.ofMillis(10), Duration.ofSeconds(5), 3, 5);

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private static StudySpec spec(String yaml) {
        return StudySpecParser.parse(yaml, "test.yaml");
    }

    private StudyRunner.Outcome run(Study study, Path jobDir, ThreadTrialLauncher launcher)
            throws IOException, InterruptedException {
        StudyStore store = new StudyStore(jobDir);
        store.save(study);
        StudyRunner runner = new StudyRunner(study, store, jobDir, Suggesters.forSpec(study.spec(), study.seed()),
                launcher, FAST, new PrintStream(console, true, StandardCharsets.UTF_8), Clock.systemUTC());
        return runner.run();
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    /** A run that reports {@code values} at steps 100, 200, ... with {@code pauseMs} between reports. */
    private static int reportCurve(TrialRequest r, double[] values, long pauseMs) throws Exception {
        HypertuneFile metrics = HypertuneFile.fromEnvironment(r.environment());
        for (int i = 0; i < values.length; i++) {
            Thread.sleep(pauseMs);
            metrics.report("top_1_accuracy", values[i], 100L * (i + 1));
        }
        return 0;
    }

    private static String argument(TrialRequest r, String name) {
        for (String a : r.arguments()) {
            if (a.startsWith("--" + name + "=")) {
                return a.substring(name.length() + 3);
            }
        }
        throw new AssertionError("no --" + name + " in " + r.arguments());
    }

    @Test
    void runsTheTrialsInParallelInTheirOwnDirectoriesAndRecordsTheBest(@TempDir Path jobDir) throws Exception {
        StudySpec spec = spec("""
                maxTrials: 4
                maxParallelTrials: 2
                algorithm: RANDOM_SEARCH
                params:
                  - {parameterName: initial_learning_rate, type: DOUBLE, minValue: 0.001, maxValue: 1,
                     scaleType: UNIT_LOG_SCALE}
                  - {parameterName: optimizer_type, type: CATEGORICAL, categoricalValues: [momentum, adam]}
                """);
        Study study = new Study(spec, 7, List.of("--num_classes=5", "--optimizer_type", "rmsprop",
                "--threads=16", "--max_steps=300"));
        ThreadTrialLauncher launcher = new ThreadTrialLauncher(r -> {
            double lr = Double.parseDouble(argument(r, "initial_learning_rate"));
            double acc = 0.9 - 0.05 * Math.abs(Math.log10(lr) + 2);
            return reportCurve(r, new double[] {acc / 2, acc, acc - 0.01}, 20);
        });
        assertEquals(StudyRunner.Outcome.COMPLETED, run(study, jobDir, launcher));

        assertEquals(4, study.count(TrialState.SUCCEEDED));
        assertEquals(2, launcher.maxConcurrent(), "two trials at a time");
        for (TrialRequest r : launcher.requests()) {
            Path dir = jobDir.resolve(Integer.toString(r.trialId()));
            assertEquals(dir, r.trialDir());
            assertEquals(dir.resolve("hypertune/output.metrics").toAbsolutePath().toString(),
                    r.environment().get("CLOUD_ML_HP_METRIC_FILE"));
            assertEquals(Integer.toString(r.trialId()), r.environment().get("CLOUD_ML_TRIAL_ID"));
            Trial t = study.trial(r.trialId());
            List<String> expected = new ArrayList<>(List.of("--num_classes=5", "--max_steps=300",
                    "--job-dir=" + dir.toAbsolutePath()));
            expected.addAll(t.assignment().toArguments());
            expected.add("--threads=3");
            assertEquals(expected, r.arguments(), "shared arguments, less the tuned and the runner's own ones");
            assertTrue(Files.readString(dir.resolve("trial.log")).startsWith("=== tune: launch 1 of trial "));
            assertEquals(3, t.history().size());
        }
        Trial best = study.best().orElseThrow();
        for (Trial t : study.trials()) {
            assertTrue(best.finalMetric(spec.goal()).orElseThrow().value()
                    >= t.finalMetric(spec.goal()).orElseThrow().value());
            assertEquals(200, t.finalMetric(spec.goal()).orElseThrow().step(), "the best report is the result");
        }
        Study stored = new StudyStore(jobDir).load();
        assertEquals(4, stored.count(TrialState.SUCCEEDED));
        assertTrue(console().contains("SUCCEEDED"), console());
    }

    @Test
    void failedTrialsKeepTheirLogTailAndEndTheStudyAtTheLimit(@TempDir Path jobDir) throws Exception {
        StudySpec spec = spec("""
                maxTrials: 6
                maxFailedTrials: 2
                algorithm: RANDOM_SEARCH
                params:
                  - {parameterName: max_steps, type: INTEGER, minValue: 10, maxValue: 20}
                """);
        Study study = new Study(spec, 1, List.of());
        ThreadTrialLauncher launcher = new ThreadTrialLauncher(r -> {
            Files.writeString(r.logFile(), "loading data\nError: no files match /data/train*\n",
                    java.nio.file.StandardOpenOption.APPEND);
            return 1;
        });
        assertEquals(StudyRunner.Outcome.TOO_MANY_FAILURES, run(study, jobDir, launcher));
        assertEquals(2, study.trials().size(), "no trial started after the second failure");
        for (Trial t : study.trials()) {
            assertEquals(TrialState.FAILED, t.state());
            String error = t.error().orElseThrow();
            assertTrue(error.startsWith("exit code 1; last lines of "), error);
            assertTrue(error.endsWith("Error: no files match /data/train*"), error);
        }
        assertTrue(console().contains("Study failed: 2 trials failed (limit 2)"), console());
    }

    @Test
    void aRunThatReportsNothingFails(@TempDir Path jobDir) throws Exception {
        StudySpec spec = spec("""
                maxTrials: 1
                maxFailedTrials: 1
                params:
                  - {parameterName: max_steps, type: INTEGER, minValue: 10, maxValue: 20}
                """);
        Study study = new Study(spec, 1, List.of());
        assertEquals(StudyRunner.Outcome.TOO_MANY_FAILURES, run(study, jobDir, new ThreadTrialLauncher(r -> 0)));
        assertTrue(study.trial(1).error().orElseThrow().contains("reported no top_1_accuracy"));
    }

    @Test
    void theMedianRuleStopsABadTrialButNotAGoodOne(@TempDir Path jobDir) throws Exception {
        // Grid order gives trials 1-3 image_size 1-3 (good), trial 4 image_size 4 (bad), trial 5 (good).
        StudySpec spec = spec("""
                maxTrials: 5
                enableTrialEarlyStopping: true
                algorithm: GRID_SEARCH
                params:
                  - {parameterName: image_size, type: INTEGER, minValue: 1, maxValue: 5}
                """);
        Study study = new Study(spec, 1, List.of());
        ThreadTrialLauncher launcher = new ThreadTrialLauncher(r -> {
            boolean bad = argument(r, "image_size").equals("4");
            double plateau = bad ? 0.1 : 0.8 + 0.02 * Integer.parseInt(argument(r, "image_size"));
            double[] curve = new double[8];
            for (int i = 0; i < curve.length; i++) {
                curve[i] = plateau * (1 - Math.exp(-(i + 1) / 3.0));
            }
            return reportCurve(r, curve, bad ? 60 : 5);
        });
        assertEquals(StudyRunner.Outcome.COMPLETED, run(study, jobDir, launcher));
        assertEquals(TrialState.STOPPED, study.trial(4).state());
        assertTrue(study.trial(4).history().size() < 8, "stopped before its last report");
        for (int id : new int[] {1, 2, 3, 5}) {
            assertEquals(TrialState.SUCCEEDED, study.trial(id).state(), "trial " + id);
        }
        assertEquals(5, study.best().orElseThrow().id());
        assertTrue(console().contains("Stopping trial 4 early"), console());
    }

    @Test
    void resumingRelaunchesInterruptedTrialsAndNeverRerunsFinishedOnes(@TempDir Path jobDir) throws Exception {
        StudySpec spec = spec("""
                maxTrials: 3
                maxParallelTrials: 1
                algorithm: RANDOM_SEARCH
                params:
                  - {parameterName: label_smoothing, type: DOUBLE, minValue: 0, maxValue: 0.5}
                """);
        Study study = new Study(spec, 5, List.of("--num_classes=3"));
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        Trial finished = study.addTrial(new Assignment(Map.of("label_smoothing", ParameterValue.of(0.1))));
        finished.launched(-1, null, t0);
        finished.mergeMetrics(List.of(new MetricPoint(100, 0.7)));
        finished.finished(TrialState.SUCCEEDED, null, t0);
        Trial interrupted = study.addTrial(new Assignment(Map.of("label_smoothing", ParameterValue.of(0.2))));
        interrupted.launched(-1, null, t0);
        interrupted.mergeMetrics(List.of(new MetricPoint(100, 0.5)));

        ThreadTrialLauncher launcher = new ThreadTrialLauncher(r -> reportCurve(r, new double[] {0.6, 0.75}, 5));
        assertEquals(StudyRunner.Outcome.COMPLETED, run(study, jobDir, launcher));

        List<Integer> launched = launcher.requests().stream().map(TrialRequest::trialId).toList();
        assertEquals(List.of(2, 3), launched, "the interrupted trial first, then a new one; never trial 1");
        assertEquals(1, study.trial(1).launches());
        assertEquals(2, study.trial(2).launches());
        assertEquals(List.of(new MetricPoint(100, 0.6), new MetricPoint(200, 0.75)), study.trial(2).history(),
                "the relaunched run's reports replace the old ones at the same step");
        assertEquals(0.2, study.trial(2).assignment().number("label_smoothing"), "same parameters");
        assertEquals(3, study.count(TrialState.SUCCEEDED));
        assertTrue(console().contains("Resuming: 1 interrupted trial(s) will be relaunched"), console());
    }

    @Test
    void trialArgumentsReplaceSharedValuesInBothSpellings() {
        Assignment a = new Assignment(Map.of("max_steps", ParameterValue.of(500)));
        List<String> args = StudyRunner.trialArguments(
                List.of("--max_steps", "100", "--job-dir", "/old", "--flag", "--threads=8", "--name=x", "positional"),
                Path.of("/study/7"), a, 2);
        assertEquals(List.of("--flag", "--name=x", "positional", "--job-dir=" + Path.of("/study/7").toAbsolutePath(),
                "--max_steps=500", "--threads=2"), args);
        assertFalse(args.contains("100"));
    }

    @Test
    void threadsAreTheCoresDividedAmongParallelTrials() {
        assertEquals(8, RunnerSettings.threadsPerTrial(16, 2));
        assertEquals(1, RunnerSettings.threadsPerTrial(2, 4));
        assertEquals(5, RunnerSettings.threadsPerTrial(16, 3));
    }
}
