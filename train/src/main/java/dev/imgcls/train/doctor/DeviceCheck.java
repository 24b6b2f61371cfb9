package dev.imgcls.train.doctor;

import dev.imgcls.kernels.cuda.CudaBackend;
import dev.imgcls.kernels.cuda.CudaDeviceInfo;

import java.util.Locale;

/** GPU 0 as the backend uses it: name, compute capability, memory total and free now. */
public final class DeviceCheck implements DoctorCheck {
    private final CudaBackend gpu;

    public DeviceCheck(CudaBackend gpu) {
        this.gpu = gpu;
    }

    @Override
    public String name() {
        return "device";
    }

    @Override
    public boolean prerequisite() {
        return true;
    }

    @Override
    public CheckResult run() {
        return CheckResult.passed(line(gpu.deviceInfo()));
    }

    static String line(CudaDeviceInfo d) {
        double gib = 1024.0 * 1024 * 1024;
        return String.format(Locale.ROOT, "device: GPU 0 %s, compute capability %d.%d, memory %.1f GiB total, %.1f GiB free",
                d.name(), d.major(), d.minor(), d.totalBytes() / gib, d.freeBytes() / gib);
    }
}
