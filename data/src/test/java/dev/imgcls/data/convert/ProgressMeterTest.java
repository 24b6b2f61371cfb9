package dev.imgcls.data.convert;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressMeterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void printsRateAndEtaAtMostOncePerInterval() {
        AtomicLong now = new AtomicLong(100 * SECOND);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ProgressMeter meter = new ProgressMeter(100, new PrintStream(text, true, StandardCharsets.UTF_8), 5 * SECOND, now::get);
        // 4 images per second: after 5 s, 20 done and 80 left, i.e. 20 s to go.
        for (int i = 0; i < 40; i++) {
            now.addAndGet(SECOND / 4);
            meter.advance();
        }
        now.addAndGet(3500 * SECOND); // a long stall
        for (int i = 0; i < 60; i++) {
            meter.advance();
        }
        meter.finish();
        List<String> lines = text.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of(
                "make-tfrecords: 20/100 images (20.0%), 4.00 images/s, ETA 0:00:20",
                "make-tfrecords: 40/100 images (40.0%), 4.00 images/s, ETA 0:00:15",
                // 41 images in 3510 s; 59 to go at that rate.
                "make-tfrecords: 41/100 images (41.0%), 0.0117 images/s, ETA 1:24:10",
                "make-tfrecords: 100 images in 0:58:30 (0.0285 images/s)"), lines);
    }
}
