package dev.imgcls.kernels.host;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.spi.Backend;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.Storage;

/** Memory handling shared by the backends whose tensors live in Java arrays on the CPU. */
public abstract class HostBackend implements Backend {
    @Override
    public final Device.Kind deviceKind() {
        return Device.Kind.CPU;
    }

    /** Op outputs: recycled arrays with unspecified contents (kernels write every element). */
    @Override
    public final Storage allocate(DType dtype, int size) {
        return HostStorage.allocateUninitialized(dtype, size);
    }

    /** Host data is already where CPU kernels want it: no copy. */
    @Override
    public final Storage upload(HostStorage host) {
        return host;
    }

    @Override
    public final HostStorage download(Storage storage) {
        return (HostStorage) storage;
    }
}
