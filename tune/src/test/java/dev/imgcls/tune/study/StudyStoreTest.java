package dev.imgcls.tune.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imgcls.tune.space.Assignment;
import dev.imgcls.tune.space.ParameterValue;
import dev.imgcls.tune.spec.StudySpec;
import dev.imgcls.tune.spec.StudySpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyStoreTest {
    static final StudySpec SPEC = StudySpecParser.parse("""
            maxTrials: 5
            maxParallelTrials: 2
            enableTrialEarlyStopping: true
            params:
              - {parameterName: initial_learning_rate, type: DOUBLE, minValue: 0.001, maxValue: 1,
                 scaleType: UNIT_LOG_SCALE}
              - {parameterName: optimizer_type, type: CATEGORICAL, categoricalValues: [momentum, adam]}
            """, "spec.yaml");

    static Assignment assignment(double lr, String optimizer) {
        Map<String, ParameterValue> v = new LinkedHashMap<>();
        v.put("initial_learning_rate", ParameterValue.of(lr));
        v.put("optimizer_type", ParameterValue.of(optimizer));
        return new Assignment(v);
    }

    @Test
    void aSavedStudyLoadsBackTheSame(@TempDir Path dir) throws IOException {
        Study study = new Study(SPEC, 42, List.of("--num_classes=5", "--training_data_path=/data/train*"));
        Instant t0 = Instant.parse("2024-05-01T10:00:00Z");
        Trial done = study.addTrial(assignment(0.01, "adam"));
        done.launched(1234, t0, t0);
        done.mergeMetrics(List.of(new MetricPoint(100, 0.5), new MetricPoint(200, 0.7), new MetricPoint(300, 0.65)));
        done.finished(TrialState.SUCCEEDED, null, t0.plusSeconds(60));
        Trial failed = study.addTrial(assignment(0.5, "momentum"));
        failed.launched(1235, t0, t0);
        failed.finished(TrialState.FAILED, "exit code 1; last lines:\nOutOfMemoryError", t0.plusSeconds(5));
        Trial running = study.addTrial(assignment(0.002, "momentum"));
        running.launched(1236, t0.plusMillis(1234), t0.plusSeconds(1));
        running.mergeMetrics(List.of(new MetricPoint(100, 0.4)));

        StudyStore store = new StudyStore(dir);
        store.save(study);
        assertTrue(store.exists());
        assertFalse(Files.exists(dir.resolve(StudyStore.FILE_NAME + ".tmp")), "no temporary file left behind");

        Study loaded = store.load();
        assertEquals(SPEC, loaded.spec());
        assertEquals(42, loaded.seed());
        assertEquals(study.trainerArguments(), loaded.trainerArguments());
        assertEquals(3, loaded.trials().size());
        for (int i = 0; i < 3; i++) {
            Trial a = study.trials().get(i);
            Trial b = loaded.trials().get(i);
            assertEquals(a.id(), b.id());
            assertEquals(a.assignment(), b.assignment());
            assertEquals(a.state(), b.state());
            assertEquals(a.history(), b.history());
            assertEquals(a.error(), b.error());
            assertEquals(a.pid(), b.pid());
            assertEquals(a.processStart(), b.processStart());
            assertEquals(a.startTime(), b.startTime());
            assertEquals(a.endTime(), b.endTime());
            assertEquals(a.launches(), b.launches());
        }
        assertEquals(new MetricPoint(200, 0.7), loaded.trial(1).finalMetric(SPEC.goal()).orElseThrow());
        assertEquals(1, loaded.best().orElseThrow().id());
        String json = Files.readString(store.file());
        assertTrue(json.contains("\"finalMetric\""), json);
    }

    @Test
    void savingAgainReplacesTheFile(@TempDir Path dir) throws IOException {
        Study study = new Study(SPEC, 1, List.of());
        StudyStore store = new StudyStore(dir);
        store.save(study);
        study.addTrial(assignment(0.1, "adam"));
        store.save(study);
        assertEquals(1, store.load().trials().size());
    }

    @Test
    void aDamagedFileIsReportedWithItsPath(@TempDir Path dir) throws IOException {
        StudyStore store = new StudyStore(dir);
        Files.writeString(store.file(), "{\"format\": 1, \"seed\": ");
        IOException e = assertThrows(IOException.class, store::load);
        assertTrue(e.getMessage().contains(store.file().toString()), e.getMessage());
    }
}
