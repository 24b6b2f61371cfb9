package dev.imgcls.tensor.spi;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.OpDef;

/**
 * What a backend provides: memory for one kind of device and kernels for ops. Backends are found
 * with {@link java.util.ServiceLoader}; among the usable ones for a device kind the highest
 * {@link #priority()} wins unless a caller selects one with {@link dev.imgcls.tensor.Backends#use}.
 */
public interface Backend {
    String name();

    Device.Kind deviceKind();

    /** Higher wins when several backends serve the same device kind. */
    int priority();

    /** Whether this backend can run here; a backend that cannot says why in {@link #unavailableReason()}. */
    default boolean isAvailable() {
        return true;
    }

    default String unavailableReason() {
        return "";
    }

    /**
     * A buffer of {@code size} elements for an op's output. Its contents are unspecified (host
     * backends recycle released arrays), so every kernel must write every element of its outputs;
     * a backend may promise more to its own kernels (the CUDA backend zero-fills).
     */
    Storage allocate(DType dtype, int size);

    /** Copies host data into this backend's memory (CPU backends may return the same storage). */
    Storage upload(HostStorage host);

    /** Copies this backend's data to the host (CPU backends may return the same storage). */
    HostStorage download(Storage storage);

    /** This backend's kernel for {@code op}, or null when it has none. */
    <A> Kernel<A> kernel(OpDef<A> op);
}
