package dev.imgcls.tensor.spi;

import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;

/**
 * A tensor's buffer, and tensors over buffers: <b>for backend implementers only</b> (kernels,
 * backends, and code that hands arrays to the engine without a copy). Users read a tensor with
 * {@link Tensor#toFloatArray()} and friends; these methods skip the checks that keep that safe
 * (a kernel may write into the array {@link #host} returns).
 *
 * <pre>{@code
 * float[] x = TensorAccess.host(inputs[0]).floats(); // inside a CPU kernel
 * }</pre>
 *
 * <p>{@link Tensor} keeps these operations out of its public surface and hands them to this class
 * once, from its class initializer, through {@link #install} (the JDK's "shared secrets" pattern:
 * the two classes live in different packages).
 */
public final class TensorAccess {
    /** What {@link Tensor} exposes to this class; implemented inside {@code Tensor}. */
    public interface Bridge {
        Storage storage(Tensor t);

        Tensor fromStorage(Shape shape, Storage storage);
    }

    private static volatile Bridge bridge;

    private TensorAccess() {
    }

    /** The backend buffer of {@code t}; throws if the tensor was released. */
    public static Storage storage(Tensor t) {
        return bridge().storage(t);
    }

    /** The host storage of a tensor on a host backend (CPU, reference); throws if it lives elsewhere. */
    public static HostStorage host(Tensor t) {
        Storage s = storage(t);
        if (!(s instanceof HostStorage h)) {
            throw new IllegalArgumentException("tensor " + t.shape() + " lives on " + s.device() + ", not in host memory");
        }
        return h;
    }

    /**
     * A tensor of {@code shape} over {@code storage}, which must hold {@code shape.numel()}
     * elements. The tensor takes over one reference: the caller must not release it afterwards
     * (call {@link Storage#retain()} first to keep using the storage elsewhere).
     */
    public static Tensor fromStorage(Shape shape, Storage storage) {
        return bridge().fromStorage(shape, storage);
    }

    /** Called once by {@link Tensor}'s class initializer; any other call throws. */
    public static void install(Bridge b) {
        synchronized (TensorAccess.class) {
            if (bridge != null) {
                throw new IllegalStateException("TensorAccess is installed by Tensor once; it cannot be replaced");
            }
            bridge = b;
        }
    }

    private static Bridge bridge() {
        Bridge b = bridge;
        if (b == null) {
            // fromStorage may come before any tensor exists: initialising Tensor installs the bridge.
            try {
                Class.forName(Tensor.class.getName(), true, Tensor.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            b = bridge;
        }
        return b;
    }
}
