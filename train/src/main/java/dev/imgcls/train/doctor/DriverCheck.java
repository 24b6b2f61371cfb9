package dev.imgcls.train.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NVIDIA driver: the kernel module's version (from {@code /proc/driver/nvidia/version}) and the
 * newest CUDA version its user-space library {@code libcuda.so.1} supports. Without that library,
 * or with a driver older than CUDA 12, nothing after this check can work.
 */
public final class DriverCheck implements DoctorCheck {
    public static final Path PROC_VERSION = Path.of("/proc/driver/nvidia/version");
    static final int MIN_CUDA = 12000;
    private static final Pattern MODULE_VERSION = Pattern.compile("Kernel Module(?: for \\S+)?\\s+(\\d+\\.\\d+(?:\\.\\d+)?)");

    private final Path versionFile;
    private final IntSupplier driverCudaVersion;

    /**
     * @param driverCudaVersion the driver API's {@code cuDriverGetVersion} (12080 is 12.8), or -1 when
     *     libcuda.so.1 cannot be loaded
     */
    public DriverCheck(Path versionFile, IntSupplier driverCudaVersion) {
        this.versionFile = versionFile;
        this.driverCudaVersion = driverCudaVersion;
    }

    @Override
    public String name() {
        return "driver";
    }

    @Override
    public boolean prerequisite() {
        return true;
    }

    @Override
    public CheckResult run() {
        String module = moduleVersion();
        int cuda = driverCudaVersion.getAsInt();
        if (cuda < 0) {
            return CheckResult.failed("driver: " + module + ", but libcuda.so.1 (the driver's CUDA library) could not be loaded;"
                    + " install the driver's user-space libraries of the same version (apt libnvidia-compute-<branch>, e.g."
                    + " libnvidia-compute-580) and check that ldconfig -p lists libcuda.so.1");
        }
        if (cuda < MIN_CUDA) {
            return CheckResult.failed("driver: " + module + " supports CUDA only up to " + cudaVersion(cuda)
                    + "; the CUDA backend needs a driver for CUDA 12 or newer (R525+): upgrade the NVIDIA driver");
        }
        return CheckResult.passed("driver: " + module + ", supports CUDA up to " + cudaVersion(cuda));
    }

    /** "NVIDIA 580.65.06", or what is known when the version file is absent (a container may hide it). */
    String moduleVersion() {
        String text;
        try {
            text = Files.readString(versionFile);
        } catch (IOException e) {
            return "NVIDIA kernel module of unknown version (" + versionFile + " not readable)";
        }
        Matcher m = MODULE_VERSION.matcher(text);
        if (m.find()) {
            return "NVIDIA " + m.group(1);
        }
        String first = text.lines().findFirst().orElse("").strip();
        return "NVIDIA kernel module (" + versionFile + ": " + first + ")";
    }

    static String cudaVersion(int encoded) {
        return encoded / 1000 + "." + encoded % 1000 / 10;
    }
}
