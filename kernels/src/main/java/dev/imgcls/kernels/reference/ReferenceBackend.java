package dev.imgcls.kernels.reference;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.spi.Backend;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.Kernel;
import dev.imgcls.tensor.spi.KernelTable;
import dev.imgcls.tensor.spi.Storage;

/**
 * The oracle: plain loops that read and write every element as a double (so FLOAT32 and FLOAT64
 * share one implementation and sums accumulate in double), written to be obviously right rather
 * than fast. Tests compare every fast kernel against it, and gradient checks run on it in FLOAT64.
 */
public final class ReferenceBackend implements Backend {
    public static final String NAME = "reference";

    private final KernelTable kernels = new KernelTable();

    public ReferenceBackend() {
        ReferenceElementwiseKernels.register(kernels);
        ReferenceReduceKernels.register(kernels);
        ReferenceLinalgKernels.register(kernels);
        ReferenceConvKernels.register(kernels);
        ReferenceNnKernels.register(kernels);
        ReferenceShapeKernels.register(kernels);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Device.Kind deviceKind() {
        return Device.Kind.CPU;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Storage allocate(DType dtype, int size) {
        return HostStorage.allocate(dtype, size);
    }

    @Override
    public Storage upload(HostStorage host) {
        return host;
    }

    @Override
    public HostStorage download(Storage storage) {
        return (HostStorage) storage;
    }

    @Override
    public <A> Kernel<A> kernel(OpDef<A> op) {
        return kernels.get(op);
    }
}
