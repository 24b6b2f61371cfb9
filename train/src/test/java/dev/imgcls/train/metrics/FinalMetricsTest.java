package dev.imgcls.train.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FinalMetricsTest {
    @TempDir
    Path dir;

    private static MetricsSnapshot eval(long step, double top1) {
        return new MetricsSnapshot(step, Map.of("top_1_accuracy", top1, "top_5_accuracy", 1.0, "loss", 0.5 - top1 / 10));
    }

    @Test
    void theBestIsTheHighestAndATieGoesToTheNewer() {
        BestMetricTracker best = new BestMetricTracker("top_1_accuracy");
        assertNull(best.best());
        assertTrue(best.offer(eval(100, 0.5)));
        assertTrue(best.offer(eval(200, 0.75)));
        assertFalse(best.offer(eval(300, 0.625)));
        MetricsSnapshot tie = eval(400, 0.75);
        assertTrue(best.offer(tie));
        assertSame(tie, best.best());
        assertFalse(best.offer(eval(500, Double.NaN)));
        assertSame(tie, best.best());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> best.offer(new MetricsSnapshot(600, Map.of("loss", 1.0))));
        assertEquals("no metric 'top_1_accuracy' at step 600; have [loss]", e.getMessage());
    }

    @Test
    void writesFinalAndBestAsJson() throws IOException {
        Path file = dir.resolve("job/final_metrics.json");
        MetricsSnapshot last = new MetricsSnapshot(1000, Map.of("top_1_accuracy", 0.8, "top_5_accuracy", 1.0, "loss", Double.NaN));
        FinalMetricsWriter.write(file.toString(), "top_1_accuracy", last, eval(800, 0.8125));
        assertEquals("{\n"
                + "  \"best\": {\"global_step\": 800, \"loss\": 0.41875, \"top_1_accuracy\": 0.8125, \"top_5_accuracy\": 1.0},\n"
                + "  \"final\": {\"global_step\": 1000, \"loss\": null, \"top_1_accuracy\": 0.8, \"top_5_accuracy\": 1.0},\n"
                + "  \"objective\": \"top_1_accuracy\"\n"
                + "}\n", Files.readString(file));
    }

    @Test
    void aJobWithoutEvaluationHasNullEntries() throws IOException {
        Path file = dir.resolve(FinalMetricsWriter.FILE_NAME);
        FinalMetricsWriter.write(file.toString(), "top_1_accuracy", null, null);
        assertEquals("{\n  \"best\": null,\n  \"final\": null,\n  \"objective\": \"top_1_accuracy\"\n}\n", Files.readString(file));
    }
}
