package dev.imgcls.kernels.reference;

import dev.imgcls.kernels.host.HostBackend;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.spi.Kernel;
import dev.imgcls.tensor.spi.KernelTable;

/**
 * The oracle: plain loops that read and write every element as a double (so FLOAT32 and FLOAT64
 * share one implementation and sums accumulate in double), written to be obviously right rather
 * than fast. Tests compare every fast kernel against it, and gradient checks run on it in FLOAT64.
 */
public final class ReferenceBackend extends HostBackend {
    public static final String NAME = "reference";

    private final KernelTable kernels = new KernelTable();

    public ReferenceBackend() {
        ReferenceElementwiseKernels.register(kernels);
        ReferenceReduceKernels.register(kernels);
        ReferenceLinalgKernels.register(kernels);
        ReferenceConvKernels.register(kernels);
        ReferenceNnKernels.register(kernels);
        ReferenceShapeKernels.register(kernels);
        ReferenceOptimizerKernels.register(kernels);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public <A> Kernel<A> kernel(OpDef<A> op) {
        return kernels.get(op);
    }
}
