package dev.imgcls.kernels.cuda;

import java.util.List;

/**
 * Our own binding to the cuDNN 9 calls the CUDA backend uses ({@code src/main/native/imgcls_cudnn.c},
 * part of {@link JniBinding}'s library). It opens {@code libcudnn.so.9} (cuDNN 9 exists for CUDA 12
 * and 13 under the same soname) with dlopen, from the folders of {@code -Dimgcls.cuda.libdirs} or
 * else the system search, so it loads without cuDNN; {@link #load()} then says what is missing.
 *
 * <p>Handles, descriptors and device addresses are {@code long}s; tensors and filters are FLOAT32;
 * a failing cuDNN call throws {@link IllegalStateException} naming the call and cuDNN's error
 * string. Call {@link #load()} (or {@link #require()}) before anything else.
 */
public final class Cudnn {
    static final String NAME = "cuDNN";
    /** The cuDNN library we open: cuDNN 9 (any 9.x, built for CUDA 12 or 13). */
    public static final String LIBRARY = "libcudnn.so.9";
    static final String INSTALL_HINT = "install cuDNN 9 for your CUDA: CUDA 13: apt install libcudnn9-cuda-13 or pip install nvidia-cudnn-cu13;"
            + " CUDA 12: apt install libcudnn9-cuda-12 or pip install nvidia-cudnn-cu12; then put its lib folder"
            + " (pip: site-packages/nvidia/cudnn/lib) on LD_LIBRARY_PATH or in -D" + LibrarySearch.DIRS_PROPERTY;

    // cudnnTensorFormat_t
    static final int TENSOR_NCHW = 0;
    static final int TENSOR_NHWC = 1;
    // cudnnMathType_t: FMA keeps FP32 convolutions off TF32 tensor cores (results match the reference).
    static final int DEFAULT_MATH = 0;
    static final int FMA_MATH = 3;
    // cudnnBatchNormMode_t
    static final int BATCHNORM_SPATIAL = 1;
    // cudnnPoolingMode_t and cudnnNanPropagation_t
    static final int POOLING_MAX = 0;
    static final int POOLING_AVERAGE_COUNT_EXCLUDE_PADDING = 2;
    static final int POOLING_MAX_DETERMINISTIC = 3;
    static final int PROPAGATE_NAN = 1;
    // cudnnDeterminism_t
    static final int DETERMINISTIC = 1;
    /** Entries per algorithm in the arrays the *Algorithms calls return: algo, status, bytes, determinism, math. */
    static final int PERF_FIELDS = 5;

    private static boolean attempted;
    private static String failure;
    private static String file;

    private Cudnn() {
    }

    /**
     * Loads our JNI library and cuDNN 9, once. Returns null when both are ready, otherwise why not
     * and how to fix it.
     */
    public static synchronized String load() {
        if (!attempted) {
            attempted = true;
            failure = tryLoad();
        }
        return failure;
    }

    /** Throws with {@link #load()}'s reason when cuDNN is not usable. */
    static void require() {
        String reason = load();
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
    }

    /** For {@link CudaLibraries#probe()}: the file loaded and its version, or the problem and fix. */
    static synchronized LibraryStatus status() {
        String reason = load();
        return reason == null ? LibraryStatus.found(NAME, file, versionString(getVersion())) : LibraryStatus.missing(NAME, reason);
    }

    private static String tryLoad() {
        LibrarySearch.Result<String> r = LibrarySearch.standard().find(NAME, List.of(LIBRARY), INSTALL_HINT, candidate -> {
            String problem = open(candidate);
            if (problem != null) {
                throw new IllegalStateException(problem);
            }
            return candidate;
        });
        if (!r.found()) {
            return r.problem();
        }
        file = r.file();
        long version = getVersion();
        if (version < 90000 || version >= 100000) {
            return "cuDNN " + versionString(version) + " was found as " + file + ", but imgcls needs cuDNN 9; " + INSTALL_HINT;
        }
        return null;
    }

    /** "9.5.1" from cudnnGetVersion's 90501 (cuDNN 9 encodes major·10000 + minor·100 + patch). */
    static String versionString(long v) {
        return v / 10000 + "." + v / 100 % 100 + "." + v % 100;
    }

    /** The loaded cuDNN's version, e.g. "9.5.1"; call after a successful {@link #load()}. */
    public static String version() {
        require();
        return versionString(getVersion());
    }

    // ---- loading and version ----
    /** dlopen(soname or path) and resolve every entry point; null on success, else dlerror's words or the missing names (nothing kept). */
    static native String open(String soname);

    /** The cuDNN function names the binding resolves. */
    static native String[] symbolNames();

    static native long getVersion();

    static native String getErrorString(int status);

    // ---- handle ----
    static native long create();

    static native void destroy(long handle);

    static native void setStream(long handle, long stream);

    // ---- descriptors (FLOAT32) ----
    static native long createTensor4d(int format, int n, int c, int h, int w);

    static native void destroyTensor(long desc);

    /** k output channels, c input channels per group, h×w window; format NHWC = KRSC memory order. */
    static native long createFilter4d(int format, int k, int c, int h, int w);

    static native void destroyFilter(long desc);

    /** Cross-correlation (TF's conv), FLOAT compute, no dilation. */
    static native long createConvolution(int padH, int padW, int strideH, int strideW, int groups, int mathType);

    static native void setConvolutionMathType(long conv, int mathType);

    static native void destroyConvolution(long desc);

    /** {n, c, h, w} of the output cuDNN computes for these descriptors. */
    static native int[] convolutionForwardOutputDim(long conv, long x, long w);

    static native long createPooling(int mode, int nanOpt, int windowH, int windowW, int padH, int padW, int strideH, int strideW);

    static native void destroyPooling(long desc);

    // ---- convolution algorithm heuristics: PERF_FIELDS longs per ranked answer ----
    static native long[] forwardAlgorithms(long handle, long x, long w, long conv, long y);

    static native long[] backwardDataAlgorithms(long handle, long w, long dy, long conv, long dx);

    static native long[] backwardFilterAlgorithms(long handle, long x, long dy, long conv, long dw);

    static native long forwardWorkspaceSize(long handle, long x, long w, long conv, long y, int algo);

    static native long backwardDataWorkspaceSize(long handle, long w, long dy, long conv, long dx, int algo);

    static native long backwardFilterWorkspaceSize(long handle, long x, long dy, long conv, long dw, int algo);

    // ---- convolution: out = alpha·op + beta·out ----
    static native void convolutionForward(long handle, float alpha, long xDesc, long x, long wDesc, long w, long conv, int algo,
            long workspace, long workspaceBytes, float beta, long yDesc, long y);

    static native void convolutionBackwardData(long handle, float alpha, long wDesc, long w, long dyDesc, long dy, long conv, int algo,
            long workspace, long workspaceBytes, float beta, long dxDesc, long dx);

    static native void convolutionBackwardFilter(long handle, float alpha, long xDesc, long x, long dyDesc, long dy, long conv, int algo,
            long workspace, long workspaceBytes, float beta, long dwDesc, long dw);

    // ---- batch normalisation (outputs overwritten) ----
    static native void batchNormForwardTraining(long handle, int mode, long xDesc, long x, long yDesc, long y, long bnDesc, long scale,
            long bias, double exponentialAverageFactor, long runningMean, long runningVariance, double epsilon, long saveMean,
            long saveInvVariance);

    static native void batchNormForwardInference(long handle, int mode, long xDesc, long x, long yDesc, long y, long bnDesc, long scale,
            long bias, long mean, long variance, double epsilon);

    static native void batchNormBackward(long handle, int mode, long xDesc, long x, long dyDesc, long dy, long dxDesc, long dx,
            long bnDesc, long scale, long dScale, long dBias, double epsilon, long savedMean, long savedInvVariance);

    // ---- pooling (outputs overwritten) ----
    static native void poolingForward(long handle, long pool, long xDesc, long x, long yDesc, long y);

    static native void poolingBackward(long handle, long pool, long yDesc, long y, long dyDesc, long dy, long xDesc, long x, long dxDesc,
            long dx);
}
