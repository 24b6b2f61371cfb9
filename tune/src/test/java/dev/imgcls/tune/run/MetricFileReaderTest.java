package dev.imgcls.tune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.imgcls.tune.study.MetricPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricFileReaderTest {

    @Test
    void readsTheLinesCloudmlHypertuneWrites(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("output.metrics");
        Files.writeString(file, """
                {"global_step": "500", "timestamp": 1700000000.25, "top_1_accuracy": "0.8125", "trial": "3"}
                {"global_step": "1000", "timestamp": 1700000100.5, "top_1_accuracy": "0.875", "trial": "3"}
                {"global_step": "1000", "loss": "0.3", "timestamp": 1700000100.5, "trial": "3"}
                {"global_step": 1500, "timestamp": 1700000200.0, "top_1_accuracy": 0.9, "trial": "3"}
                """);
        assertEquals(List.of(new MetricPoint(500, 0.8125), new MetricPoint(1000, 0.875), new MetricPoint(1500, 0.9)),
                MetricFileReader.read(file, "top_1_accuracy"));
        assertEquals(List.of(new MetricPoint(1000, 0.3)), MetricFileReader.read(file, "loss"));
    }

    @Test
    void skipsAHalfWrittenLastLineAndJunk(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("output.metrics");
        Files.writeString(file, """
                {"global_step": "100", "timestamp": 1.0, "top_1_accuracy": "0.5", "trial": "1"}
                not json at all
                {"global_step": "150", "timestamp": 1.0, "top_1_accuracy": "nan?", "trial": "1"}
                {"global_step": "200", "timestamp": 2.0, "top_1_accuracy": "0.6", "tr""");
        assertEquals(List.of(new MetricPoint(100, 0.5)), MetricFileReader.read(file, "top_1_accuracy"));
    }

    @Test
    void aMissingFileHasNoReportsYet(@TempDir Path dir) throws IOException {
        assertEquals(List.of(), MetricFileReader.read(dir.resolve("none"), "top_1_accuracy"));
    }

    @Test
    void aReportWithoutAStepCountsAsStepZero(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("output.metrics");
        Files.writeString(file, "{\"timestamp\": 1.0, \"top_1_accuracy\": \"0.25\", \"trial\": \"0\"}\n");
        assertEquals(List.of(new MetricPoint(0, 0.25)), MetricFileReader.read(file, "top_1_accuracy"));
    }
}
