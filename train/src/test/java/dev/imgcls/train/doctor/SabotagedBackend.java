package dev.imgcls.train.doctor;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.spi.Backend;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.Kernel;
import dev.imgcls.tensor.spi.Storage;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** A host backend that is another one with chosen kernels replaced or removed: a candidate the self-check must catch. */
final class SabotagedBackend implements Backend {
    private final Backend inner;
    private final Map<OpDef<?>, Kernel<?>> replaced = new HashMap<>();
    private final Set<OpDef<?>> removed = new HashSet<>();

    SabotagedBackend(Backend inner) {
        if (inner.deviceKind() != Device.Kind.CPU) {
            throw new IllegalArgumentException("wraps a host backend, got " + inner.name());
        }
        this.inner = inner;
    }

    <A> SabotagedBackend replace(OpDef<A> op, Kernel<A> kernel) {
        replaced.put(op, kernel);
        return this;
    }

    SabotagedBackend remove(OpDef<?> op) {
        removed.add(op);
        return this;
    }

    @Override
    public String name() {
        return "sabotaged-" + inner.name();
    }

    @Override
    public Device.Kind deviceKind() {
        return Device.Kind.CPU;
    }

    @Override
    public int priority() {
        return -1;
    }

    @Override
    public Storage allocate(DType dtype, int size) {
        return inner.allocate(dtype, size);
    }

    @Override
    public Storage upload(HostStorage host) {
        return inner.upload(host);
    }

    @Override
    public HostStorage download(Storage storage) {
        return inner.download(storage);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> Kernel<A> kernel(OpDef<A> op) {
        if (removed.contains(op)) {
            return null;
        }
        Kernel<?> k = replaced.get(op);
        return k != null ? (Kernel<A>) k : inner.kernel(op);
    }
}
