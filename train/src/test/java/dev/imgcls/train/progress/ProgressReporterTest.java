package dev.imgcls.train.progress;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProgressReporterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private double seconds;

    private ProgressReporter reporter(long maxSteps, int batch) {
        return new ProgressReporter(out, () -> Math.round(seconds * 1e9), maxSteps, batch, 10);
    }

    private List<String> lines() {
        return List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
    }

    @Test
    void printsAtMostOneLinePerIntervalWithASmoothedEtaAndLeavesPausesOut() {
        ProgressReporter p = reporter(1000, 32);
        p.start(0);
        seconds = 4;
        p.step(1, 2.5, 0.01);                      // first step: always shown; 1 step in 4 s
        for (int step = 2; step <= 21; step++) {   // then 0.5 s per step
            seconds += 0.5;
            p.step(step, step == 21 ? 1.234 : 2.0, 0.00005);
        }
        for (int step = 22; step <= 31; step++) {
            seconds += 0.5;
            p.step(step, 1.1, 0.1);
        }
        p.pause();                                 // a 60 s evaluation
        seconds += 60;
        p.resume();
        for (int step = 32; step <= 41; step++) {
            seconds += 0.5;
            p.step(step, 1.0, 0.1);
        }
        seconds = 100;
        p.step(1000, 0.123, 0);                    // the last step: always shown
        p.finish(1000);
        assertEquals(List.of(
                "training from step 0 to 1000, batch 32",
                // The first step (4 s) is no guide to the others: no ETA yet.
                "step 1/1000  loss 2.500  lr 0.0100  8.0 img/s",
                // 20 steps in 10 s; the slow first step (JIT, input warming up) does not enter the
                // average, which starts here at 0.5 s per step: 979 × 0.5 s = 490 s.
                "step 21/1000  loss 1.234  lr 5.00e-05  64.0 img/s  ETA 8m10s",
                // The 60 s pause is not training: 20 steps in 10 s again; 0.5 s per step; 959 × 0.5 = 480 s.
                "step 41/1000  loss 1.000  lr 0.1000  64.0 img/s  ETA 8m00s",
                "step 1000/1000  loss 0.123  lr 0.0000  1918.0 img/s  ETA 0s",
                // 100 s of wall time, 40 s of it training: 32 000 images / 40 s.
                "done  1000 steps in 1m40s  800.0 img/s average  final loss 0.123"), lines());
    }

    @Test
    void aResumedJobCountsFromItsStartStep() {
        ProgressReporter p = reporter(600, 8);
        p.start(500);
        seconds = 1;
        p.step(501, 0.75, 0.001);
        seconds = 2;
        p.step(502, 0.7, 0.001);                   // within the interval: not shown
        seconds = 50;
        p.finish(502);
        assertEquals(List.of(
                "training from step 500 to 600, batch 8",
                "step 501/600  loss 0.750  lr 0.0010  8.0 img/s",
                "done  2 steps in 50s  0.3 img/s average  final loss 0.700"), lines());
    }

    @Test
    void durationsAreShort() {
        assertEquals("0s", Durations.format(0.2));
        assertEquals("59s", Durations.format(59.4));
        assertEquals("1m00s", Durations.format(59.6));
        assertEquals("59m59s", Durations.format(3599));
        assertEquals("1h00m", Durations.format(3600));
        assertEquals("26h40m", Durations.format(96_000));
        assertEquals("?", Durations.format(Double.NaN));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> reporter(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new ProgressReporter(out, () -> 0, -1, 1, 1));
    }
}
