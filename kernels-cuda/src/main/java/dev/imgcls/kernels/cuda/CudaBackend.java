package dev.imgcls.kernels.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD8Async;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.ops.NormOps;
import dev.imgcls.tensor.spi.Backend;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.Kernel;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.Storage;
import jcuda.Pointer;

/**
 * NVIDIA GPUs through JCuda 12.6: the driver API (primary context of device 0, one stream),
 * hand-written kernels (the {@code .cu} files next to this class's resources, compiled by nvcc at
 * build time into fatbins in the jar, or by NVRTC at run time for a jar built without nvcc; see
 * {@link KernelModules}), cuBLAS for matmul, and a caching allocator whose blocks return to the
 * cache when a tensor's storage is released (so {@link dev.imgcls.tensor.MemoryScope} frees a
 * step's temporaries).
 *
 * <p>Discovery never touches the GPU: {@link #isAvailable()} probes once, on first call, and
 * {@link #unavailableReason()} then names the missing piece. Using an unavailable backend throws
 * with that reason; nothing falls back to the CPU silently. Only FLOAT32 computes here.
 *
 * <p>cuDNN 9 runs conv2d (forward, backward-data, backward-filter) and batch norm through our own
 * JNI binding ({@link Cudnn}; JCuda's jcudnn Java classes for cuDNN 9 are not on Maven Central).
 * Pooling, shape, selection and cast ops are our kernels. {@link #kernelSource} lists which op goes
 * where.
 */
public final class CudaBackend implements Backend {
    public static final String NAME = "cuda";

    private final KernelTable kernels = new KernelTable();
    private volatile CudaProbe.Result probe;

    public CudaBackend() {
        CudaElementwiseKernels.register(kernels, this::context);
        CudaReduceKernels.register(kernels, this::context);
        CudaNnKernels.register(kernels, this::context);
        CudaLinalgKernels.register(kernels, this::context);
        CudaShapeKernels.register(kernels, this::context);
        CudaSelectionKernels.register(kernels, this::context);
        CudaCastKernels.register(kernels, this::context);
        CudaPoolKernels.register(kernels, this::context);
        CudnnConvKernels.register(kernels, this::context);
        CudnnBatchNormKernels.register(kernels, this::context);
        CudaOptimizerKernels.register(kernels, this::context);
    }

    /** Which library runs an op here: "cuDNN", "cuBLAS", "our kernel", or null when the backend lacks it. */
    public String kernelSource(OpDef<?> op) {
        if (kernels.get(op) == null) {
            return null;
        }
        if (op == ConvOps.CONV2D || op == ConvOps.CONV2D_BACKPROP_INPUT || op == ConvOps.CONV2D_BACKPROP_FILTER
                || op == NormOps.BATCH_NORM_TRAIN || op == NormOps.BATCH_NORM_INFER) {
            return "cuDNN";
        }
        if (op == NormOps.BATCH_NORM_GRAD) {
            return "cuDNN (training mode; inference mode: our kernel)";
        }
        return op == LinalgOps.MATMUL ? "cuBLAS" : "our kernel";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Device.Kind deviceKind() {
        return Device.Kind.CUDA;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public boolean isAvailable() {
        return probe().available();
    }

    @Override
    public String unavailableReason() {
        return probe().reason();
    }

    private CudaProbe.Result probe() {
        CudaProbe.Result p = probe;
        if (p == null) {
            synchronized (this) {
                p = probe;
                if (p == null) {
                    p = CudaProbe.run();
                    if (p.available()) {
                        System.err.println("[imgcls] " + p.context().summary());
                    }
                    probe = p;
                }
            }
        }
        return p;
    }

    /** The GPU context, current on this thread; throws with the reason when there is no usable GPU. */
    CudaContext context() {
        CudaProbe.Result p = probe();
        if (!p.available()) {
            throw new IllegalStateException("the CUDA backend is unavailable: " + p.reason());
        }
        CudaContext c = p.context();
        c.enter();
        return c;
    }

    /** The one-line description of device, driver, each library's file and version, and the kernel images (or why there is no usable GPU). */
    public String describe() {
        CudaProbe.Result p = probe();
        return p.available() ? p.context().summary() : "CUDA backend unavailable: " + p.reason();
    }

    /** The GPU's name, compute capability and memory now; throws with the reason when there is no usable GPU. */
    public CudaDeviceInfo deviceInfo() {
        context(); // current on this thread
        return CudaDeviceInfo.ofCurrentContext();
    }

    /** Bytes held by live tensors and bytes cached for reuse, for leak checks and logs. */
    public long allocatedBytes() {
        return context().allocator().inUseBytes();
    }

    public long cachedBytes() {
        return context().allocator().cachedBytes();
    }

    /** Waits until all queued GPU work has finished (timing, or before reading results on the host). */
    public void synchronize() {
        context().synchronize();
    }

    @Override
    public Storage allocate(DType dtype, int size) {
        CudaContext c = context();
        CudaStorage s = new CudaStorage(dtype, size, c.allocator().allocate((long) size * dtype.byteSize()), c.allocator());
        if (s.bytes() > 0) {
            CudaCheck.driver(cuMemsetD8Async(s.pointer(), (byte) 0, s.bytes(), c.stream()), "cuMemsetD8Async");
        }
        return s;
    }

    @Override
    public Storage upload(HostStorage host) {
        CudaContext c = context();
        CudaStorage s = new CudaStorage(host.dtype(), host.size(), c.allocator().allocate((long) host.size() * host.dtype().byteSize()),
                c.allocator());
        if (s.bytes() > 0) {
            // Java arrays are pageable: finish earlier work on our stream (it may still read a recycled
            // block), then copy synchronously.
            c.synchronize();
            CudaCheck.driver(cuMemcpyHtoD(s.pointer(), hostPointer(host), s.bytes()), "cuMemcpyHtoD");
        }
        return s;
    }

    @Override
    public HostStorage download(Storage storage) {
        if (!(storage instanceof CudaStorage s)) {
            throw new IllegalArgumentException("not CUDA storage: " + storage.getClass().getName());
        }
        CudaContext c = context();
        HostStorage host = HostStorage.allocate(s.dtype(), s.size());
        if (s.bytes() > 0) {
            c.synchronize();
            CudaCheck.driver(cuMemcpyDtoH(hostPointer(host), s.pointer(), s.bytes()), "cuMemcpyDtoH");
        }
        return host;
    }

    private static Pointer hostPointer(HostStorage h) {
        return switch (h.dtype()) {
            case FLOAT32 -> Pointer.to(h.floats());
            case FLOAT64 -> Pointer.to(h.doubles());
            case INT32 -> Pointer.to(h.ints());
            case INT64 -> Pointer.to(h.longs());
            case UINT8 -> Pointer.to(h.bytes());
        };
    }

    /** The kernel table answers without a GPU, so coverage listings work anywhere; running needs one. */
    @Override
    public <A> Kernel<A> kernel(OpDef<A> op) {
        return kernels.get(op);
    }
}
