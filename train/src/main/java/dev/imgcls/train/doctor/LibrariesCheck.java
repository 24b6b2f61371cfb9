package dev.imgcls.train.doctor;

import dev.imgcls.tensor.spi.Backend;

import java.util.function.Supplier;

/**
 * The CUDA libraries as the backend found them: its one-line description when it can start, its
 * reason (what is missing and how to install it) when it cannot.
 */
public final class LibrariesCheck implements DoctorCheck {
    private final Backend gpu;
    private final Supplier<String> describe;

    /** @param describe the backend's own line about what it loaded (driver, runtime, cuBLAS, cuDNN versions) */
    public LibrariesCheck(Backend gpu, Supplier<String> describe) {
        this.gpu = gpu;
        this.describe = describe;
    }

    @Override
    public String name() {
        return "libraries";
    }

    @Override
    public boolean prerequisite() {
        return true;
    }

    @Override
    public CheckResult run() {
        if (!gpu.isAvailable()) {
            return CheckResult.failed("libraries: the " + gpu.name() + " backend cannot start: " + gpu.unavailableReason());
        }
        return CheckResult.passed("libraries: " + describe.get());
    }
}
