package dev.imgcls.kernels.cuda;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;

/**
 * The CUDA backend's kernel modules, one per {@code .cu} file: the file's nvcc-built fatbin from the
 * jar, loaded with {@code cuModuleLoadData} (the driver picks its image), when the build had nvcc
 * and one of the images runs on this GPU ({@link KernelImageChoice}); otherwise the file compiled
 * at run time by NVRTC. The first file is loaded at once, so {@link #describe()} reports what the
 * driver actually accepted; a later file the driver rejects falls back to NVRTC with a one-line note.
 */
final class KernelModules {
    /** {@code cuModuleLoadData}: fills {@code module} from a fatbin, cubin or PTX image and returns a CUresult. */
    interface Loader {
        int load(CUmodule module, byte[] image);
    }

    private final FatbinIndex index;
    private final int ccMajor;
    private final int ccMinor;
    private final Loader loader;
    private final Function<String, byte[]> nvrtc;
    private final Map<String, CUmodule> modules = new HashMap<>();
    private final String description;
    private boolean fatbins;

    /** @param nvrtc the NVRTC-compiled cubin of a kernel file ({@code KernelCompiler::cubin}), used only as the fallback */
    KernelModules(FatbinIndex index, int ccMajor, int ccMinor, Loader loader, Function<String, byte[]> nvrtc) {
        this.index = index;
        this.ccMajor = ccMajor;
        this.ccMinor = ccMinor;
        this.loader = loader;
        this.nvrtc = nvrtc;
        description = "kernels: " + start();
    }

    /**
     * One line for the backend's start-up summary, e.g. "kernels: nvcc 13.0 fatbins, sm_90 SASS on sm_90",
     * "kernels: nvcc 13.0 fatbins, PTX compute_100 (ISA 9.0) JIT-compiled by the driver for sm_120" or
     * "kernels: compiled by NVRTC at run time (no fatbins in this jar: it was built without nvcc on the PATH)".
     */
    String describe() {
        return description;
    }

    /** Whether kernels come from the jar's fatbins (false: NVRTC). */
    synchronized boolean usesFatbins() {
        return fatbins;
    }

    /** The module of kernel file {@code file} ("bias.cu"), loaded on first use. */
    synchronized CUmodule module(String file) {
        CUmodule m = modules.get(file);
        if (m == null) {
            m = fatbins ? fromFatbin(file) : fromNvrtc(file);
            modules.put(file, m);
        }
        return m;
    }

    /** Loads the first file's fatbin and returns what the kernels run as, or why NVRTC compiles them. */
    private String start() {
        List<String> files = index.files();
        if (!index.hasFatbins() || files.isEmpty()) {
            return nvrtcBecause(index.hasFatbins() ? "the fatbin index lists no kernel files; rebuild kernels-cuda" : index.absentReason());
        }
        String file = files.get(0);
        Attempt a = tryFatbin(file);
        if (a.module == null) {
            return nvrtcBecause(a.outcome);
        }
        modules.put(file, a.module);
        fatbins = true;
        return "nvcc " + index.nvccVersion() + " fatbins, " + a.outcome;
    }

    private static String nvrtcBecause(String why) {
        return "compiled by NVRTC at run time (" + why + ")";
    }

    private CUmodule fromFatbin(String file) {
        Attempt a = tryFatbin(file);
        if (a.module != null) {
            return a.module;
        }
        System.err.println("[imgcls] kernels: " + a.outcome + "; compiling " + file + " with NVRTC instead");
        try {
            return fromNvrtc(file);
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("kernel file " + file + ": " + a.outcome + ", and the NVRTC fallback failed: " + e.getMessage(), e);
        }
    }

    private CUmodule fromNvrtc(String file) {
        CUmodule m = new CUmodule();
        CudaCheck.driver(loader.load(m, nvrtc.apply(file)), "cuModuleLoadData(" + file + ", NVRTC cubin)");
        return m;
    }

    /** A loaded module and the image it runs, or no module and why not. */
    private record Attempt(CUmodule module, String outcome) {
    }

    private Attempt tryFatbin(String file) {
        byte[] fatbin = index.fatbin(file);
        if (fatbin == null) {
            return new Attempt(null, "the jar has no fatbin for " + file + " although its index lists it; rebuild kernels-cuda");
        }
        KernelImageChoice choice;
        try {
            choice = KernelImageChoice.choose(FatbinImages.parse(fatbin), ccMajor, ccMinor);
        } catch (IllegalArgumentException e) {
            return new Attempt(null, "fatbin of " + file + ": " + e.getMessage());
        }
        if (!choice.found()) {
            return new Attempt(null, choice.description());
        }
        CUmodule m = new CUmodule();
        int rc = loader.load(m, fatbin);
        if (rc != CUresult.CUDA_SUCCESS) {
            return new Attempt(null, "the driver rejected the nvcc " + index.nvccVersion() + " fatbin of " + file + " ("
                    + choice.image().label() + " for sm_" + ccMajor + ccMinor + "): " + CUresult.stringFor(rc)
                    + " (a driver older than CUDA " + index.nvccVersion() + " may reject it; a newer NVIDIA driver would take it)");
        }
        return new Attempt(m, choice.description());
    }
}
