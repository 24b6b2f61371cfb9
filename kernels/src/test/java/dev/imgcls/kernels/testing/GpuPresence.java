package dev.imgcls.kernels.testing;

import dev.imgcls.tensor.spi.Backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Whether an NVIDIA GPU is visible to this machine, asked of the kernel driver rather than of the
 * CUDA libraries: GPU tests skip only where there is no device, and fail with the backend's reason
 * where a device is there but the stack above it is broken (a missing or mismatched library must
 * not turn a GPU machine's run green with every GPU test skipped).
 */
public final class GpuPresence {
    static final Path PROC_GPUS = Path.of("/proc/driver/nvidia/gpus");
    static final Path DEV_NVIDIA0 = Path.of("/dev/nvidia0");

    private GpuPresence() {
    }

    /** What shows a GPU here (a line for a skip or failure message), or null when nothing does. */
    public static String visibleDevice() {
        return visibleDevice(PROC_GPUS, DEV_NVIDIA0);
    }

    static String visibleDevice(Path procGpus, Path devNvidia0) {
        if (Files.isDirectory(procGpus)) {
            try (Stream<Path> gpus = Files.list(procGpus)) {
                long count = gpus.count();
                if (count > 0) {
                    return count + " NVIDIA GPU(s) in " + procGpus;
                }
            } catch (IOException e) {
                // unreadable: fall through to the device node
            }
        }
        return Files.exists(devNvidia0) ? devNvidia0 + " exists" : null;
    }

    /**
     * Returns when the GPU backend can run; skips the calling test, with the reasons, where no GPU is
     * visible; fails it where a GPU is visible and the backend still cannot use it.
     */
    public static void requireUsable(Backend gpuBackend) {
        if (gpuBackend.isAvailable()) {
            return;
        }
        String device = visibleDevice();
        if (device != null) {
            fail(gpuBackend.name() + " is unusable although a GPU is visible (" + device + "): " + gpuBackend.unavailableReason());
        }
        abort(gpuBackend.name() + " unavailable: no NVIDIA GPU visible (" + PROC_GPUS + " lists none and there is no " + DEV_NVIDIA0
                + "); " + gpuBackend.unavailableReason());
    }
}
