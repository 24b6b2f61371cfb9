package dev.imgcls.tensor;

import dev.imgcls.tensor.spi.Backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds backends with {@link ServiceLoader} and picks the one that runs ops for a device: the
 * thread's override from {@link #use} if it serves that device kind, else the available backend of
 * highest priority. The system property {@code imgcls.backend} names a backend to prefer.
 */
public final class Backends {
    private static final ThreadLocal<Backend> OVERRIDE = new ThreadLocal<>();

    private Backends() {
    }

    private static final class Holder {
        static final List<Backend> ALL = discover();

        private static List<Backend> discover() {
            List<Backend> found = new ArrayList<>();
            Iterator<Backend> providers = ServiceLoader.load(Backend.class).iterator();
            while (true) {
                try {
                    if (!providers.hasNext()) {
                        break;
                    }
                    found.add(providers.next());
                } catch (ServiceConfigurationError e) {
                    // A backend whose libraries are absent (e.g. the CUDA backend without the JCuda
                    // jars) must not take the others down with it; ServiceLoader goes on to the next.
                    System.getLogger(Backends.class.getName()).log(System.Logger.Level.WARNING,
                            "skipping a backend that could not be loaded: " + e.getMessage()
                                    + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
                }
            }
            found.sort(Comparator.comparingInt(Backend::priority).reversed());
            return List.copyOf(found);
        }
    }

    /** Every backend on the class path, available or not, highest priority first. */
    public static List<Backend> all() {
        return Holder.ALL;
    }

    public static Backend byName(String name) {
        for (Backend b : Holder.ALL) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("no backend named '" + name + "'; found " + Holder.ALL.stream().map(Backend::name).toList());
    }

    public static Backend forDevice(Device device) {
        Backend o = OVERRIDE.get();
        if (o != null && o.deviceKind() == device.kind()) {
            return o;
        }
        String preferred = System.getProperty("imgcls.backend");
        if (preferred != null) {
            Backend b = byName(preferred);
            if (b.deviceKind() == device.kind()) {
                return b;
            }
        }
        List<String> unusable = new ArrayList<>();
        for (Backend b : Holder.ALL) {
            if (b.deviceKind() == device.kind()) {
                if (b.isAvailable()) {
                    return b;
                }
                unusable.add(b.name() + ": " + b.unavailableReason());
            }
        }
        // Name why each backend of the kind cannot run, so a move to a GPU says what is missing.
        throw new IllegalStateException("no usable backend for device " + device + " among " + Holder.ALL.stream().map(Backend::name).toList()
                + (unusable.isEmpty() ? " (is imgcls-kernels on the class path?)" : " (" + String.join("; ", unusable) + ")"));
    }

    /** Runs this thread's ops for the backend's device kind on {@code backend} until the scope closes. */
    public static Autograd.Scope use(Backend backend) {
        Backend previous = OVERRIDE.get();
        OVERRIDE.set(backend);
        return () -> OVERRIDE.set(previous);
    }
}
