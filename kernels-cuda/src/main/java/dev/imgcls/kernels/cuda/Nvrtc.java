package dev.imgcls.kernels.cuda;

import java.util.List;

/**
 * NVRTC through our own binding ({@code src/main/native/imgcls_nvrtc.c}): {@code libnvrtc.so.13} or
 * else {@code libnvrtc.so.12}. The backend needs it only to compile a kernel the jar carries no image
 * for, so a missing NVRTC is recorded, not fatal: {@link KernelCompiler} fails when it must compile.
 */
final class Nvrtc {
    static final String NAME = "NVRTC";
    static final List<String> SONAMES = List.of("libnvrtc.so.13", "libnvrtc.so.12");
    static final String FIX = "install NVRTC for your CUDA: CUDA 13: apt install cuda-nvrtc-13-0 or pip install nvidia-cuda-nvrtc;"
            + " CUDA 12: apt install cuda-nvrtc-12-6 or pip install nvidia-cuda-nvrtc-cu12; then put its lib folder"
            + " (pip: site-packages/nvidia/*/lib) on LD_LIBRARY_PATH or in -D" + LibrarySearch.DIRS_PROPERTY;

    private static Loaded<Nvrtc> standard;

    private final long table;
    private final String file;
    private final String version;

    private Nvrtc(long table, String file, String version) {
        this.table = table;
        this.file = file;
        this.version = version;
    }

    /** NVRTC from the standard search (-Dimgcls.cuda.libdirs, then the system), newest the driver supports first, opened once. */
    static synchronized Loaded<Nvrtc> standard() {
        if (standard == null) {
            standard = open(LibrarySearch.standard(), LibrarySearch.forDriver(SONAMES, CudaLibraries.driverApiVersion()));
        }
        return standard;
    }

    /** Opens the first usable NVRTC file {@code search} finds; never throws. */
    static Loaded<Nvrtc> open(LibrarySearch search) {
        return open(search, SONAMES);
    }

    /** Opens the first usable file among {@code sonames} (in this order) that {@code search} finds; never throws. */
    static Loaded<Nvrtc> open(LibrarySearch search, List<String> sonames) {
        return Loaded.open(search, NAME, sonames, FIX, Nvrtc::open, Nvrtc::bind, Nvrtc::version);
    }

    private static Nvrtc bind(long table, String file) {
        int[] v = version(table);
        return new Nvrtc(table, file, v[0] + "." + v[1]);
    }

    String file() {
        return file;
    }

    /** "13.0", from nvrtcVersion. */
    String version() {
        return version;
    }

    /**
     * Compiles {@code source} (named {@code name} in messages) with the given headers, each included
     * under the matching name, to a CUBIN; throws with NVRTC's status and log when it cannot.
     */
    byte[] compileCubin(String source, String name, String[] headers, String[] includeNames, String[] options) {
        return compileCubin(table, source, name, headers, includeNames, options);
    }

    /** dlopen(file) with every entry point resolved: the binding's table; throws saying why the file does not do. */
    static native long open(String file);

    /** The NVRTC function names the binding resolves. */
    static native String[] symbolNames();

    private static native int[] version(long table);

    private static native byte[] compileCubin(long table, String source, String name, String[] headers, String[] includeNames,
            String[] options);
}
