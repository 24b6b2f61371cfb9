package dev.imgcls.kernels.cuda;

import static jcuda.driver.JCudaDriver.cuDriverGetVersion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jcuda.driver.CUresult;

/**
 * What the CUDA backend would load on this machine, library by library, for diagnostics such as
 * {@code imgcls doctor}: the NVIDIA driver (libcuda.so.1), imgcls's JNI binding, cuBLAS, NVRTC and
 * cuDNN, each with the file loaded and its version, or the problem and its fix. Touches no GPU
 * (no cuInit) and works on a machine without one.
 */
public final class CudaLibraries {
    /** The system property naming folders (a path list) searched for cuBLAS, NVRTC and cuDNN before the system's search. */
    public static final String LIBDIRS_PROPERTY = LibrarySearch.DIRS_PROPERTY;

    static final String DRIVER = "NVIDIA driver";
    static final String DRIVER_FIX = "install an NVIDIA driver R525 or newer (R580 or newer for CUDA 13; nvidia-smi must work)"
            + " or run with the CPU backend";
    static final Path DRIVER_VERSION_FILE = Path.of("/proc/driver/nvidia/version");
    private static final Pattern KERNEL_MODULE = Pattern.compile("Kernel Module(?: for [^ ]+)?\\s+([0-9][0-9.]*)");

    private static boolean driverTried;
    private static String driverFailure;

    private CudaLibraries() {
    }

    /**
     * Loads JCuda's driver library (and with it libcuda.so.1) once: null when it loaded, else the
     * dynamic loader's words, kept because the JVM gives them only on the first attempt.
     */
    static synchronized String loadDriver() {
        if (!driverTried) {
            driverTried = true;
            try {
                cuDriverGetVersion(new int[1]);
            } catch (LinkageError e) {
                driverFailure = CudaProbe.causes(e);
            }
        }
        return driverFailure;
    }

    /**
     * One status per library, in the order the backend needs them: driver, JNI binding, cuBLAS,
     * NVRTC (only needed to compile a kernel the jar has no image for), cuDNN. Never throws.
     */
    public static List<LibraryStatus> probe() {
        List<LibraryStatus> all = new ArrayList<>();
        all.add(guard(DRIVER, CudaLibraries::driver));
        all.add(guard(JniBinding.NAME, JniBinding::status));
        all.add(guard(Cublas.NAME, () -> Cublas.standard().status()));
        all.add(guard(Nvrtc.NAME, () -> Nvrtc.standard().status()));
        all.add(guard(Cudnn.NAME, Cudnn::status));
        return all;
    }

    /** The driver's CUDA version as cuDriverGetVersion gives it (13000 for 13.0), or 0 when there is no driver. */
    static int driverApiVersion() {
        if (loadDriver() != null) {
            return 0;
        }
        int[] version = {0};
        return cuDriverGetVersion(version) == CUresult.CUDA_SUCCESS ? version[0] : 0;
    }

    /** libcuda.so.1: the CUDA version the driver supports (cuDriverGetVersion) and, where readable, the kernel module's version. */
    static LibraryStatus driver() {
        String failure = loadDriver();
        if (failure != null) {
            return LibraryStatus.missing(DRIVER, "libcuda.so.1 could not be loaded (" + failure + "); " + DRIVER_FIX);
        }
        int[] version = {0};
        int rc = cuDriverGetVersion(version);
        if (rc != CUresult.CUDA_SUCCESS) {
            return LibraryStatus.missing(DRIVER, "cuDriverGetVersion failed with " + CUresult.stringFor(rc) + "; " + DRIVER_FIX);
        }
        String module = kernelModuleVersion(DRIVER_VERSION_FILE);
        String v = "CUDA " + cudaVersion(version[0]) + (module == null ? "" : ", kernel module " + module);
        if (version[0] < CudaProbe.MIN_DRIVER_API) {
            return LibraryStatus.missing(DRIVER, "the NVIDIA driver supports only CUDA " + cudaVersion(version[0])
                    + ", imgcls needs CUDA 12 or newer; " + DRIVER_FIX);
        }
        String path = JniBinding.load() == null ? JniBinding.loadedPath("libcuda.so.1") : null;
        return LibraryStatus.found(DRIVER, path != null ? path : "libcuda.so.1", v);
    }

    /** "13.0" from the driver API's 13000. */
    static String cudaVersion(int v) {
        return v / 1000 + "." + v % 1000 / 10;
    }

    /** The version in /proc/driver/nvidia/version ("NVRM version: NVIDIA UNIX x86_64 Kernel Module  580.65.06 …"), or null. */
    static String kernelModuleVersion(Path file) {
        try {
            Matcher m = KERNEL_MODULE.matcher(Files.readString(file, StandardCharsets.US_ASCII));
            return m.find() ? m.group(1) : null;
        } catch (IOException | RuntimeException e) {
            return null; // no driver, or not readable here: the driver API's version stands alone
        }
    }

    /** A probe that fails unexpectedly is reported as that library's problem, never thrown. */
    private static LibraryStatus guard(String name, Supplier<LibraryStatus> probe) {
        try {
            return probe.get();
        } catch (RuntimeException | LinkageError e) {
            return LibraryStatus.missing(name, "probing " + name + " failed: " + CudaProbe.causes(e));
        }
    }
}
