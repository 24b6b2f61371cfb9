package dev.imgcls.train.doctor;

import dev.imgcls.kernels.cuda.LibraryStatus;
import dev.imgcls.tensor.spi.Backend;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The CUDA libraries, one line each: the file loaded and its version, or what is missing and how to
 * install it; then whether the backend starts with them (its own line names the kernel images it uses).
 * A missing optional library (NVRTC) is reported but fails nothing.
 */
public final class LibrariesCheck implements DoctorCheck {
    private final Backend gpu;
    private final Supplier<List<LibraryStatus>> probe;
    private final Supplier<String> describe;

    /**
     * @param probe    what each library resolves to here ({@code CudaLibraries::probe})
     * @param describe the backend's own start-up line (device, libraries, kernel images)
     */
    public LibrariesCheck(Backend gpu, Supplier<List<LibraryStatus>> probe, Supplier<String> describe) {
        this.gpu = gpu;
        this.probe = probe;
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
        List<String> lines = new ArrayList<>();
        String problem = null;
        for (LibraryStatus library : probe.get()) {
            if (library.found()) {
                lines.add("library: " + library.line());
            } else if (!library.neededToStart()) {
                lines.add("library: " + library.line() + " (optional: needed only for a kernel the jar has no image for)");
            } else {
                lines.add("library: " + library.line());
                problem = problem != null ? problem : "libraries: " + library.line();
            }
        }
        if (problem == null && !gpu.isAvailable()) {
            problem = "libraries: the " + gpu.name() + " backend cannot start: " + gpu.unavailableReason();
            lines.add(problem);
        }
        if (problem != null) {
            return CheckResult.failed(problem, lines);
        }
        lines.add("backend: " + describe.get());
        return CheckResult.passed(lines.toArray(String[]::new));
    }
}
