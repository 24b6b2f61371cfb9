package dev.imgcls.kernels.cuda;

import java.util.List;

/**
 * cuBLAS through our own binding ({@code src/main/native/imgcls_cublas.c}): {@code libcublas.so.13}
 * or else {@code libcublas.so.12}, whichever {@link LibrarySearch} finds first, with every entry
 * point resolved or none. One instance per opened file; handles, device addresses and streams are
 * {@code long}s; a failing call throws {@link IllegalStateException} naming it and cuBLAS's words.
 */
final class Cublas {
    static final String NAME = "cuBLAS";
    static final List<String> SONAMES = List.of("libcublas.so.13", "libcublas.so.12");
    static final String FIX = "install cuBLAS for your CUDA: CUDA 13: apt install libcublas-13-0 or pip install nvidia-cublas;"
            + " CUDA 12: apt install libcublas-12-6 or pip install nvidia-cublas-cu12; then put its lib folder (pip: site-packages/nvidia/*/lib)"
            + " on LD_LIBRARY_PATH or in -D" + LibrarySearch.DIRS_PROPERTY;

    // cublasOperation_t
    static final int OP_N = 0;
    static final int OP_T = 1;
    /**
     * cublasMath_t CUBLAS_DEFAULT_MATH: FP32 GEMMs compute in FP32, never on TF32 tensor cores (that
     * would take CUBLAS_TF32_TENSOR_OP_MATH), so results match the CPU reference as cuDNN's FMA math does.
     */
    static final int DEFAULT_MATH = 0;

    private static Loaded<Cublas> standard;

    private final long table;
    private final String file;
    private final String version;

    private Cublas(long table, String file, String version) {
        this.table = table;
        this.file = file;
        this.version = version;
    }

    /** cuBLAS from the standard search (-Dimgcls.cuda.libdirs, then the system), newest the driver supports first, opened once. */
    static synchronized Loaded<Cublas> standard() {
        if (standard == null) {
            standard = open(LibrarySearch.standard(), LibrarySearch.forDriver(SONAMES, CudaLibraries.driverApiVersion()));
        }
        return standard;
    }

    /** Opens the first usable cuBLAS file {@code search} finds; never throws. */
    static Loaded<Cublas> open(LibrarySearch search) {
        return open(search, SONAMES);
    }

    /** Opens the first usable file among {@code sonames} (in this order) that {@code search} finds; never throws. */
    static Loaded<Cublas> open(LibrarySearch search, List<String> sonames) {
        return Loaded.open(search, NAME, sonames, FIX, Cublas::open, Cublas::bind, Cublas::version);
    }

    private static Cublas bind(long table, String file) {
        int[] v = version(table);
        return new Cublas(table, file, v[0] + "." + v[1] + "." + v[2]);
    }

    String file() {
        return file;
    }

    /** "13.0.2", from cublasGetProperty (needs no handle and no GPU). */
    String version() {
        return version;
    }

    long create() {
        return create(table);
    }

    void destroy(long handle) {
        destroy(table, handle);
    }

    void setStream(long handle, long stream) {
        setStream(table, handle, stream);
    }

    void setMathMode(long handle, int mode) {
        setMathMode(table, handle, mode);
    }

    /** Column-major C = alpha·op(A)·op(B) + beta·C, with device addresses a, b, c. */
    void sgemm(long handle, int transa, int transb, int m, int n, int k, float alpha, long a, int lda, long b, int ldb, float beta, long c,
            int ldc) {
        sgemm(table, handle, transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /** dlopen(file) with every entry point resolved: the binding's table; throws saying why the file does not do. */
    static native long open(String file);

    /** The cuBLAS function names the binding resolves. */
    static native String[] symbolNames();

    private static native int[] version(long table);

    private static native long create(long table);

    private static native void destroy(long table, long handle);

    private static native void setStream(long table, long handle, long stream);

    private static native void setMathMode(long table, long handle, int mode);

    private static native void sgemm(long table, long handle, int transa, int transb, int m, int n, int k, float alpha, long a, int lda,
            long b, int ldb, float beta, long c, int ldc);
}
