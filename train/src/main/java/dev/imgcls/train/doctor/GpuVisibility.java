package dev.imgcls.train.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Whether an NVIDIA GPU is visible, asked of the kernel driver rather than of the CUDA libraries
 * (the same rule as the GPU tests' {@code GpuPresence}): a device listed under
 * {@code /proc/driver/nvidia/gpus}, or the device node {@code /dev/nvidia0}.
 */
public final class GpuVisibility {
    public static final Path PROC_GPUS = Path.of("/proc/driver/nvidia/gpus");
    public static final Path DEV_NVIDIA0 = Path.of("/dev/nvidia0");

    private GpuVisibility() {
    }

    /** What shows a GPU here (for a message), or null when nothing does. */
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
                // unreadable: the device node decides
            }
        }
        return Files.exists(devNvidia0) ? devNvidia0 + " exists" : null;
    }

    /** The one line the doctor prints where no GPU is visible. */
    static String noGpuLine(Path procGpus, Path devNvidia0) {
        String proc = Files.isDirectory(procGpus) ? procGpus + " empty" : "no " + procGpus;
        return "doctor: no NVIDIA GPU visible (" + proc + ", no " + devNvidia0 + "); the CPU backend will be used";
    }
}
