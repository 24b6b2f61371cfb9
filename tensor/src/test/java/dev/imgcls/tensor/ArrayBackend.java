package dev.imgcls.tensor;

import dev.imgcls.tensor.spi.Backend;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.Kernel;
import dev.imgcls.tensor.spi.Storage;

/** A minimal CPU backend with no kernels: enough to create and read tensors in this module's tests. */
public final class ArrayBackend implements Backend {
    @Override
    public String name() {
        return "arrays";
    }

    @Override
    public Device.Kind deviceKind() {
        return Device.Kind.CPU;
    }

    @Override
    public int priority() {
        return 1;
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
        return null;
    }
}
