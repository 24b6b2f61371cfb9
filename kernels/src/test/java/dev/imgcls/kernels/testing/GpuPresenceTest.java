package dev.imgcls.kernels.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class GpuPresenceTest {
    @TempDir
    Path tmp;

    @Test
    void aGpuListedByTheDriverIsVisible() throws IOException {
        Path gpus = Files.createDirectories(tmp.resolve("gpus"));
        Files.createDirectories(gpus.resolve("0000:01:00.0"));
        assertEquals("1 NVIDIA GPU(s) in " + gpus, GpuPresence.visibleDevice(gpus, tmp.resolve("nvidia0")));
    }

    @Test
    void theDeviceNodeAloneIsEnough() throws IOException {
        Path node = Files.createFile(tmp.resolve("nvidia0"));
        assertEquals(node + " exists", GpuPresence.visibleDevice(Files.createDirectories(tmp.resolve("gpus")), node));
    }

    @Test
    void nothingVisibleWithoutEither() {
        assertNull(GpuPresence.visibleDevice(tmp.resolve("absent"), tmp.resolve("nvidia0")));
    }
}
