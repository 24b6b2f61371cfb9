package dev.imgcls.kernels.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream_flags;

/**
 * The live GPU state of the CUDA backend: device 0's primary context (shared with cuBLAS and cuDNN,
 * which use the runtime API and therefore the primary context), one stream for every kernel,
 * copy, cuBLAS and cuDNN call, the kernel modules ({@link KernelModules}: nvcc-built fatbins, NVRTC
 * as the fallback), the cuBLAS and cuDNN handles, the cuDNN plans (descriptors and algorithms per
 * convolution shape) and the caching allocator. cuBLAS, cuDNN and NVRTC come through our own
 * binding, from whichever CUDA 13 or 12 files it found.
 * Any thread may use it: {@link #enter()} makes the context current on the calling thread first.
 */
final class CudaContext {
    private final CUdevice device = new CUdevice();
    private final CUcontext context = new CUcontext();
    private final StreamHandle stream = new StreamHandle();
    private final Cublas cublas;
    private final long cublasHandle;
    private final CudaAllocator allocator = new CudaAllocator();
    private final KernelCompiler compiler;
    private final long cudnn;
    private final CudnnPlans cudnnPlans;
    private final KernelModules kernels;
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final ThreadLocal<Boolean> current = ThreadLocal.withInitial(() -> false);
    private final String deviceName;
    private final String summary;

    /** Call only after {@link CudaProbe} found a driver and a device. */
    CudaContext() {
        CudaCheck.driver(cuDeviceGet(device, 0), "cuDeviceGet");
        CudaCheck.driver(cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        enter();
        byte[] name = new byte[256];
        CudaCheck.driver(cuDeviceGetName(name, name.length, device), "cuDeviceGetName");
        deviceName = cString(name);
        int major = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        int minor = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        int[] driver = {0};
        CudaCheck.driver(cuDriverGetVersion(driver), "cuDriverGetVersion");
        // A blocking stream: the synchronous pageable copies on the legacy default stream are ordered
        // against it both ways, so a kernel never reads a buffer whose upload is still in flight.
        CudaCheck.driver(cuStreamCreate(stream, CUstream_flags.CU_STREAM_DEFAULT), "cuStreamCreate");
        cublas = Cublas.standard().require();
        cublasHandle = cublas.create();
        cublas.setStream(cublasHandle, stream.handle());
        cublas.setMathMode(cublasHandle, Cublas.DEFAULT_MATH);
        Cudnn.require();
        cudnn = Cudnn.create();
        Cudnn.setStream(cudnn, stream.handle());
        cudnnPlans = new CudnnPlans(cudnn);
        Loaded<Nvrtc> nvrtc = Nvrtc.standard();
        compiler = new KernelCompiler(KernelCompiler.defaultCacheDir(), major, minor, nvrtc);
        kernels = new KernelModules(FatbinIndex.fromClassPath(), major, minor, (m, image) -> cuModuleLoadData(m, image), compiler::cubin);
        String module = CudaLibraries.kernelModuleVersion(CudaLibraries.DRIVER_VERSION_FILE);
        summary = "CUDA backend: device 0 " + deviceName + " (sm_" + major + minor + "), driver " + (module != null ? module + " " : "")
                + "(CUDA " + CudaLibraries.cudaVersion(driver[0]) + "), " + Cublas.standard().status().line() + ", "
                + Cudnn.status().line() + ", " + (nvrtc.found() ? nvrtc.status().line()
                        : "NVRTC missing (needed only for a kernel the jar has no image for)")
                + "; " + kernels.describe();
    }

    /** Makes the primary context current on this thread (once per thread). */
    void enter() {
        if (!current.get()) {
            CudaCheck.driver(cuCtxSetCurrent(context), "cuCtxSetCurrent");
            current.set(true);
        }
    }

    String summary() {
        return summary;
    }

    StreamHandle stream() {
        return stream;
    }

    /** The cuDNN handle (bound to {@link #stream()}). */
    long cudnn() {
        return cudnn;
    }

    CudnnPlans cudnnPlans() {
        return cudnnPlans;
    }

    Cublas cublas() {
        return cublas;
    }

    /** The cuBLAS handle (bound to {@link #stream()}). */
    long cublasHandle() {
        return cublasHandle;
    }

    CudaAllocator allocator() {
        return allocator;
    }

    void synchronize() {
        CudaCheck.driver(cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    /** Kernel {@code name} from source file {@code file}, loading its module on first use. */
    synchronized CUfunction function(String file, String name) {
        return functions.computeIfAbsent(file + ":" + name, k -> {
            CUmodule module = kernels.module(file);
            CUfunction fn = new CUfunction();
            CudaCheck.driver(cuModuleGetFunction(fn, module, name), "cuModuleGetFunction(" + name + ")");
            return fn;
        });
    }

    /** Launches on the backend's stream; params are Pointer.to(...) of each kernel argument. */
    void launch(String file, String name, int gridX, int gridY, int blockX, int blockY, Pointer... params) {
        CUfunction fn = function(file, name);
        CudaCheck.driver(cuLaunchKernel(fn, gridX, gridY, 1, blockX, blockY, 1, 0, stream, Pointer.to(params), null),
                "cuLaunchKernel(" + name + ")");
    }

    /** A 1-D launch of 256-thread blocks covering n elements (grid-stride loops take the rest). */
    void launch1d(String file, String name, long n, Pointer... params) {
        long blocks = Math.max(1, Math.min((n + 255) / 256, 65535L * 8));
        launch(file, name, (int) blocks, 1, 256, 1, params);
    }

    private int attribute(int attr) {
        int[] v = {0};
        CudaCheck.driver(cuDeviceGetAttribute(v, attr, device), "cuDeviceGetAttribute");
        return v[0];
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.US_ASCII);
    }
}
