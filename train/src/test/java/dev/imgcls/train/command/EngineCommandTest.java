package dev.imgcls.train.command;

import dev.imgcls.kernels.cpu.Parallel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineCommandTest {
    @Test
    void reportsTheBackendsTheSimdPathAndThePoolSize() {
        CommandRun run = CommandRun.of("engine");
        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().contains("backend cpu "), run.toString());
        assertTrue(run.out().contains("cpu tensors run on: "), run.toString());
        assertTrue(run.out().contains("SIMD: "), run.toString());
        assertTrue(run.out().contains("cpu pool: " + Parallel.threads() + " threads"), run.toString());
    }
}
