package dev.imgcls.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class WatchdogTest {
    @Test
    void anOperationThatOutlivesTheTimeoutIsReportedByName() throws InterruptedException {
        BlockingQueue<CollectiveTimeoutException> fired = new ArrayBlockingQueue<>(4);
        try (Watchdog w = new Watchdog(Duration.ofMillis(200), fired::add)) {
            w.arm("MPI_Allreduce of 5 floats on rank 1 of 2");
            CollectiveTimeoutException e = fired.poll(10, TimeUnit.SECONDS);
            assertTrue(e != null, "the watchdog did not fire");
            assertEquals("MPI_Allreduce of 5 floats on rank 1 of 2 did not complete within 0 s (--collective_timeout_s): a rank stopped calling"
                    + " it or the network is down", e.getMessage());
            // Fired once per operation.
            assertNull(fired.poll(500, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void operationsThatFinishInTimeAreNotReported() throws InterruptedException {
        BlockingQueue<CollectiveTimeoutException> fired = new ArrayBlockingQueue<>(4);
        try (Watchdog w = new Watchdog(Duration.ofMillis(300), fired::add)) {
            for (int i = 0; i < 10; i++) {
                w.arm("op " + i);
                Thread.sleep(50);
                w.disarm();
            }
            assertNull(fired.poll(600, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void theWaitingOperationIsNamedWithItsWaitUntilItEnds() throws InterruptedException {
        try (Watchdog w = new Watchdog(Duration.ofSeconds(60), e -> { })) {
            assertNull(w.pending());
            w.arm("MPI_Allreduce of 5 floats on rank 1 of 2");
            Thread.sleep(120);
            String pending = w.pending();
            assertTrue(pending != null && pending.matches("MPI_Allreduce of 5 floats on rank 1 of 2 for \\d+\\.\\d s"), pending);
            assertTrue(Double.parseDouble(pending.substring(pending.lastIndexOf(" for ") + 5, pending.length() - 2)) >= 0.1, pending);
            w.disarm();
            assertNull(w.pending());
        }
    }

    @Test
    void aZeroTimeoutIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Watchdog(Duration.ZERO, e -> { }));
    }
}
