package dev.imgcls.kernels.cuda;

import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;

import jcuda.driver.CUresult;
import jcuda.jcublas.JCublas2;
import jcuda.nvrtc.JNvrtc;

/**
 * Finds out, without throwing, whether the CUDA backend can run here, and if not, exactly which
 * piece is missing: the driver (libcuda.so.1), a GPU, NVRTC 12 (libnvrtc.so.12), cuBLAS 12
 * (libcublas.so.12), or cuDNN 9 (libcudnn.so.9, through our JNI binding). Each piece is touched
 * in that order so the first missing one is named.
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
        int[] driver = {0};
        try {
            cuDriverGetVersion(driver);
        } catch (LinkageError e) {
            return fail("the NVIDIA driver library libcuda.so.1 could not be loaded (" + causes(e) + "); install an NVIDIA driver"
                    + " R525 or newer (nvidia-smi must work) or run with the CPU backend");
        }
        if (driver[0] < MIN_DRIVER_API) {
            return fail("the NVIDIA driver supports CUDA " + driver[0] / 1000 + "." + driver[0] % 1000 / 10
                    + " but JCuda 12.6 needs a CUDA 12 driver (R525 or newer); upgrade the driver");
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
        try {
            JNvrtc.nvrtcVersion(new int[1], new int[1]);
        } catch (LinkageError e) {
            return fail("NVRTC 12 (libnvrtc.so.12) could not be loaded (" + causes(e) + "); install the CUDA 12 NVRTC library"
                    + " (apt cuda-nvrtc-12-6 or pip nvidia-cuda-nvrtc-cu12) and add its folder to LD_LIBRARY_PATH");
        }
        try {
            JCublas2.initialize();
        } catch (LinkageError e) {
            return fail("cuBLAS 12 (libcublas.so.12) could not be loaded (" + causes(e) + "); install the CUDA 12 cuBLAS library"
                    + " (apt libcublas-12-6 or pip nvidia-cublas-cu12) and add its folder to LD_LIBRARY_PATH");
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
