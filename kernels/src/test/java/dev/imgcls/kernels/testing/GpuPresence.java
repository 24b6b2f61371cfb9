package dev.imgcls.kernels.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

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

    /** The reason GPU tests skip on a machine without a device. */
    public static String noDeviceReason() {
        return "no NVIDIA GPU visible (" + PROC_GPUS + " lists none and there is no " + DEV_NVIDIA0 + ")";
    }
}
