package dev.imgcls.export.savedmodel;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.spi.Backend;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.Kernel;
import dev.imgcls.tensor.spi.Storage;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The real CPU backend, counting the kernels it runs: select it with {@code Backends.use} to see
 * whether some code computes (a count says so regardless of how fast the machine is).
 */
final class CountingBackend implements Backend {
    private final Backend real;
    private final AtomicLong kernelCalls = new AtomicLong();

    CountingBackend(Backend real) {
        this.real = real;
    }

    long kernelCalls() {
        return kernelCalls.get();
    }

    @Override
    public String name() {
        return "counting " + real.name();
    }

    @Override
    public Device.Kind deviceKind() {
        return real.deviceKind();
    }

    @Override
    public int priority() {
        return real.priority();
    }

    @Override
    public Storage allocate(DType dtype, int size) {
        return real.allocate(dtype, size);
    }

    @Override
    public Storage upload(HostStorage host) {
        return real.upload(host);
    }

    @Override
    public HostStorage download(Storage storage) {
        return real.download(storage);
    }

    @Override
    public <A> Kernel<A> kernel(OpDef<A> op) {
        Kernel<A> kernel = real.kernel(op);
        if (kernel == null) {
            return null;
        }
        return (attrs, inputs, outputs) -> {
            kernelCalls.incrementAndGet();
            kernel.run(attrs, inputs, outputs);
        };
    }
}
