package dev.imgcls.tensor.spi;

import dev.imgcls.tensor.OpDef;

import java.util.HashMap;
import java.util.Map;

/** A backend's op → kernel map; backends fill it once at construction. */
public final class KernelTable {
    private final Map<OpDef<?>, Kernel<?>> kernels = new HashMap<>();

    public <A> KernelTable put(OpDef<A> op, Kernel<A> kernel) {
        if (kernels.putIfAbsent(op, kernel) != null) {
            throw new IllegalStateException("kernel for op " + op.name() + " registered twice");
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    public <A> Kernel<A> get(OpDef<A> op) {
        return (Kernel<A>) kernels.get(op);
    }

    public boolean has(OpDef<?> op) {
        return kernels.containsKey(op);
    }
}
