package dev.imgcls.train.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lines as cloudml-hypertune writes them (its README shows the same shape). */
class HyperparameterMetricReporterTest {
    @TempDir
    Path dir;

    /** A clock at 1700000000.25 s that advances by one second per reading. */
    private static InstantSource ticking() {
        AtomicLong reads = new AtomicLong();
        return () -> Instant.ofEpochSecond(1700000000L + reads.getAndIncrement(), 250_000_000);
    }

    private static HyperparameterMetricReporter reporter(Map<String, String> environment) {
        return HyperparameterMetricReporter.forEnvironment(environment, ticking()).orElseThrow();
    }

    @Test
    void writesOneSortedJsonObjectPerReport() throws IOException {
        Path file = dir.resolve("nested/out.metrics");
        HyperparameterMetricReporter reporter = reporter(Map.of("CLOUD_ML_HP_METRIC_FILE", file.toString(), "CLOUD_ML_TRIAL_ID", "7"));
        assertFalse(Files.exists(file.getParent()), "nothing is created before the first report");
        reporter.report(0.8125, 500);
        assertEquals(List.of("{\"global_step\": \"500\", \"timestamp\": 1700000000.25, \"top_1_accuracy\": \"0.8125\", \"trial\": \"7\"}"),
                Files.readAllLines(file));
        reporter.report(1.0, 1000);
        reporter.report(0.00001, 0);
        assertEquals(List.of(
                "{\"global_step\": \"500\", \"timestamp\": 1700000000.25, \"top_1_accuracy\": \"0.8125\", \"trial\": \"7\"}",
                "{\"global_step\": \"1000\", \"timestamp\": 1700000001.25, \"top_1_accuracy\": \"1.0\", \"trial\": \"7\"}",
                "{\"global_step\": \"0\", \"timestamp\": 1700000002.25, \"top_1_accuracy\": \"1e-05\", \"trial\": \"7\"}"),
                Files.readAllLines(file));
    }

    @Test
    void keepsTheLatestHundredEntries() throws IOException {
        Path file = dir.resolve("m");
        HyperparameterMetricReporter reporter = reporter(Map.of("CLOUD_ML_HP_METRIC_FILE", file.toString()));
        for (int step = 1; step <= 105; step++) {
            reporter.report(step / 200.0, step);
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(100, lines.size());
        assertTrue(lines.get(0).startsWith("{\"global_step\": \"6\", "), lines.get(0));
        assertTrue(lines.get(99).startsWith("{\"global_step\": \"105\", "), lines.get(99));
        assertTrue(lines.get(99).contains("\"top_1_accuracy\": \"0.525\""), lines.get(99));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary files are left behind");
        }
    }

    @Test
    void anOrdinaryJobWritesNoMetricFile() {
        assertTrue(HyperparameterMetricReporter.forEnvironment(Map.of(), ticking()).isEmpty());
        assertTrue(HyperparameterMetricReporter.forEnvironment(Map.of("CLOUD_ML_HP_METRIC_FILE", ""), ticking()).isEmpty());
        assertTrue(HyperparameterMetricReporter.forEnvironment(Map.of("TF_CONFIG", "{\"task\": {\"type\": \"master\", \"index\": 0}}"),
                ticking()).isEmpty(), "a TF_CONFIG without a trial is a distributed job, not a tuning trial");
    }

    @Test
    void aTuningTrialWithoutAFileUsesCloudmlHypertunesDefault() {
        HyperparameterMetricReporter byId = reporter(Map.of("CLOUD_ML_TRIAL_ID", "4"));
        assertEquals(Path.of("/tmp/hypertune/output.metrics"), byId.file());
        assertEquals("4", byId.trialId());
        HyperparameterMetricReporter byTfConfig = reporter(Map.of("TF_CONFIG",
                "{\"cluster\": {\"master\": [\"m:2222\"]}, \"task\": {\"type\": \"master\", \"index\": 0, \"trial\": \"12\"}, \"job\": {}}"));
        assertEquals(Path.of("/tmp/hypertune/output.metrics"), byTfConfig.file());
        assertEquals("12", byTfConfig.trialId());
    }

    @Test
    void anExplicitFileWithoutATrialIsTrialZero() {
        HyperparameterMetricReporter reporter = reporter(Map.of("CLOUD_ML_HP_METRIC_FILE", dir.resolve("m").toString()));
        assertEquals(dir.resolve("m"), reporter.file());
        assertEquals("0", reporter.trialId());
    }

    @Test
    void otherTagsAndAwkwardTrialIdsAreEscapedAsPythonDoes() throws IOException {
        Path file = dir.resolve("m");
        HyperparameterMetricReporter reporter = reporter(
                Map.of("CLOUD_ML_HP_METRIC_FILE", file.toString(), "CLOUD_ML_TRIAL_ID", "a\"b\\c\né€\u007f\u0001\uD83D\uDE00"));
        reporter.report("loss", 0.1 + 0.2, 5);
        // Python: json.dumps({...}, sort_keys=True) of the same entry.
        assertEquals("{\"global_step\": \"5\", \"loss\": \"0.30000000000000004\", \"timestamp\": 1700000000.25, "
                + "\"trial\": \"a\\\"b\\\\c\\n\\u00e9\\u20ac\\u007f\\u0001\\ud83d\\ude00\"}", Files.readString(file).strip());
    }
}
