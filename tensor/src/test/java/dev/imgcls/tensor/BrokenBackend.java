package dev.imgcls.tensor;

import dev.imgcls.tensor.spi.Backend;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.Kernel;
import dev.imgcls.tensor.spi.Storage;

/** A provider whose libraries are "missing": its constructor fails like a backend without its native jars. */
public final class BrokenBackend implements Backend {
    public BrokenBackend() {
        throw new NoClassDefFoundError("some/native/Binding");
    }

    @Override
    public String name() {
        return "broken";
    }

    @Override
    public Device.Kind deviceKind() {
        return Device.Kind.CUDA;
    }

    @Override
    public int priority() {
        return 1000;
    }

    @Override
    public Storage allocate(DType dtype, int size) {
        throw new AssertionError();
    }

    @Override
    public Storage upload(HostStorage host) {
        throw new AssertionError();
    }

    @Override
    public HostStorage download(Storage storage) {
        throw new AssertionError();
    }

    @Override
    public <A> Kernel<A> kernel(OpDef<A> op) {
        return null;
    }
}
