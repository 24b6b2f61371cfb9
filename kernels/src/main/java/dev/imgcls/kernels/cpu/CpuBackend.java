package dev.imgcls.kernels.cpu;

import dev.imgcls.kernels.reference.ReferenceBackend;
import dev.imgcls.kernels.host.HostBackend;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.spi.Kernel;
import dev.imgcls.tensor.spi.KernelTable;

/**
 * The default CPU backend: FLOAT32 kernels on the Vector API (packed SGEMM, implicit-GEMM
 * convolution, channel-vectorised depthwise convolution and elementwise loops), parallel over
 * {@link Parallel}'s fixed pool. FLOAT64 tensors, used for precise checks, run on the reference
 * kernels.
 */
public final class CpuBackend extends HostBackend {
    public static final String NAME = "cpu";

    private final KernelTable kernels = new KernelTable();
    private final ReferenceBackend float64 = new ReferenceBackend();

    public CpuBackend() {
        VectorSupport.describe(); // decide and log the SIMD path once, when the backend is first loaded
        CpuElementwiseKernels.register(kernels);
        CpuReduceKernels.register(kernels);
        CpuLinalgKernels.register(kernels);
        CpuConvKernels.register(kernels);
        CpuNnKernels.register(kernels);
        CpuShapeKernels.register(kernels);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    /** One line: which SIMD path and how many threads. */
    public static String describe() {
        return VectorSupport.describe();
    }

    @Override
    public <A> Kernel<A> kernel(OpDef<A> op) {
        Kernel<A> fast = kernels.get(op);
        if (fast == null) {
            return null;
        }
        Kernel<A> precise = float64.kernel(op);
        return (attrs, in, out) -> {
            if (precise != null && (anyFloat64(in) || anyFloat64(out))) {
                precise.run(attrs, in, out);
            } else {
                fast.run(attrs, in, out);
            }
        };
    }

    private static boolean anyFloat64(Tensor[] ts) {
        for (Tensor t : ts) {
            if (t.dtype() == DType.FLOAT64) {
                return true;
            }
        }
        return false;
    }
}
