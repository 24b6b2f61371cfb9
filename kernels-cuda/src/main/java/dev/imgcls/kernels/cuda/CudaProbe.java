package dev.imgcls.kernels.cuda;

import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;

import jcuda.driver.CUresult;

/**
 * Finds out, without throwing, whether the CUDA backend can run here, and if not, exactly which
 * piece is missing: the driver (libcuda.so.1), a GPU, cuBLAS ({@code libcublas.so.13} or
 * {@code .so.12}) or cuDNN 9 ({@code libcudnn.so.9}), the last two through our JNI binding. Each
 * piece is touched in that order so the first missing one is named. NVRTC is not required: it only
 * compiles kernels the jar has no image for, and {@link KernelCompiler} says so when that happens.
 */
final class CudaProbe {
    /** The outcome: a ready context, or the reason there is none. */
    record Result(CudaContext context, String reason) {
        boolean available() {
            return context != null;
        }
    }

    static final int MIN_DRIVER_API = 12000;

    private CudaProbe() {
    }

    static Result run() {
        String driverFailure = CudaLibraries.loadDriver();
        if (driverFailure != null) {
            return fail("the NVIDIA driver library libcuda.so.1 could not be loaded (" + driverFailure + "); " + CudaLibraries.DRIVER_FIX);
        }
        int[] driver = {0};
        cuDriverGetVersion(driver);
        if (driver[0] < MIN_DRIVER_API) {
            return fail("the NVIDIA driver supports CUDA " + CudaLibraries.cudaVersion(driver[0])
                    + " but imgcls needs a CUDA 12 or newer driver (R525 or newer); upgrade the driver");
        }
        int rc = cuInit(0);
        if (rc != CUresult.CUDA_SUCCESS) {
            return fail("cuInit failed with " + CUresult.stringFor(rc) + " (no usable GPU visible; check nvidia-smi and CUDA_VISIBLE_DEVICES)");
        }
        int[] count = {0};
        rc = cuDeviceGetCount(count);
        if (rc != CUresult.CUDA_SUCCESS || count[0] == 0) {
            return fail("the CUDA driver reports no GPU (cuDeviceGetCount: " + CUresult.stringFor(rc) + ", count " + count[0] + ")");
        }
        Loaded<Cublas> cublas = Cublas.standard();
        if (!cublas.found()) {
            return fail(cublas.status().problem());
        }
        String cudnn = Cudnn.load();
        if (cudnn != null) {
            return fail(cudnn);
        }
        try {
            return new Result(new CudaContext(), "");
        } catch (RuntimeException | LinkageError e) {
            return fail("CUDA initialisation failed: " + causes(e));
        }
    }

    private static Result fail(String reason) {
        return new Result(null, reason);
    }

    private static final java.util.regex.Pattern LOADER_ERROR = java.util.regex.Pattern.compile(
            "[^\\s:/]+\\.so[.0-9]*: cannot open shared object file[^\\n]*|undefined symbol: \\S+|version `[^']+' not found[^\\n]*");

    /**
     * The dynamic loader's own words (e.g. "libcuda.so.1: cannot open shared object file: No such
     * file or directory"), found in the exception chain; JCuda's messages embed whole stack traces.
     */
    static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null && all.length() < 1_000_000; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t).append('\n');
        }
        java.util.regex.Matcher m = LOADER_ERROR.matcher(all);
        if (m.find()) {
            return m.group().strip();
        }
        String first = all.toString().lines().findFirst().orElse(e.getClass().getName());
        return first.length() > 300 ? first.substring(0, 300) + "…" : first;
    }
}
