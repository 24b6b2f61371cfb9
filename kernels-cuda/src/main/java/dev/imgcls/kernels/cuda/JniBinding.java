package dev.imgcls.kernels.cuda;

import java.nio.file.Path;

/**
 * imgcls's own JNI library, {@code libimgcls_cuda.so} (built from {@code src/main/native} by
 * {@code src/build/compile-jni.sh}): the bindings to cuBLAS ({@link Cublas}), NVRTC
 * ({@link Nvrtc}) and cuDNN ({@link Cudnn}). It links none of them, only dlopens them, so it loads
 * on any linux-x86_64 machine; loading it once here serves all three.
 */
final class JniBinding {
    static final String NAME = "imgcls JNI binding";
    static final String RESOURCE = "/dev/imgcls/kernels/cuda/native/%s/libimgcls_cuda.so";

    private static boolean attempted;
    private static String failure;
    private static Path file;

    private JniBinding() {
    }

    /** Loads the library once; null when loaded, otherwise why not and how to fix it. */
    static synchronized String load() {
        if (!attempted) {
            attempted = true;
            String platform = NativeLibraryLoader.platform();
            if (platform == null) {
                failure = NAME + " is built for linux-x86_64 only, this is " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch");
            } else {
                try {
                    file = NativeLibraryLoader.load(String.format(RESOURCE, platform), NativeLibraryLoader.defaultCacheDir());
                } catch (IllegalStateException e) {
                    failure = NAME + " could not be loaded: " + e.getMessage();
                }
            }
        }
        return failure;
    }

    /** The binding itself, for {@link CudaLibraries#probe()}: its extracted file, and the build it came from as its version. */
    static synchronized LibraryStatus status() {
        String reason = load();
        if (reason != null) {
            return LibraryStatus.missing(NAME, reason);
        }
        return LibraryStatus.found(NAME, file.toString(), "build " + file.getParent().getFileName());
    }

    /** The path of the loaded object that {@code name} (a soname or a path) designates, or null when none is loaded. */
    static native String loadedPath(String name);
}
