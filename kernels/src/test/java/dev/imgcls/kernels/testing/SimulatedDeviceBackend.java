package dev.imgcls.kernels.testing;

import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.spi.Backend;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.Kernel;
import dev.imgcls.tensor.spi.Storage;
import dev.imgcls.tensor.spi.TensorAccess;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A GPU for machines without one: a backend of device kind CUDA (device {@code cuda:0}) whose
 * memory is {@link SimulatedStorage} (not host storage) and whose kernels are the CPU backend's,
 * run on host views of that memory. Tensors therefore behave as GPU tensors do: ops between them
 * run "on the device", mixing them with CPU tensors fails in {@code OpDef.apply}, and reading them
 * from Java needs a {@link #download}. Every upload and download is recorded, so a test can prove
 * what crosses the bus; live storages are counted, so a test can prove device memory is freed.
 *
 * <p>Results equal the CPU backend's bit for bit (same kernels, same inputs), which is what lets
 * a test compare a "GPU" training job with a CPU one.
 */
public final class SimulatedDeviceBackend implements Backend {
    public static final Device DEVICE = Device.cuda(0);
    private static final AtomicLong LIVE = new AtomicLong();

    /** One copy across the simulated bus. */
    public record Transfer(DType dtype, int elements) {
    }

    private final Backend cpu = Backends.forDevice(Device.CPU);
    private final List<Transfer> uploads = new ArrayList<>();
    private final List<Transfer> downloads = new ArrayList<>();

    @Override
    public String name() {
        return "simulated-gpu";
    }

    @Override
    public Device.Kind deviceKind() {
        return Device.Kind.CUDA;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Storage allocate(DType dtype, int size) {
        return track(new SimulatedStorage(dtype, newArray(dtype, size), size)); // zero-filled, as the CUDA backend's
    }

    @Override
    public synchronized Storage upload(HostStorage host) {
        uploads.add(new Transfer(host.dtype(), host.size()));
        return track(new SimulatedStorage(host.dtype(), copy(host.array(), host.dtype(), host.size()), host.size()));
    }

    @Override
    public synchronized HostStorage download(Storage storage) {
        if (!(storage instanceof SimulatedStorage s)) {
            throw new IllegalArgumentException("not simulated device storage: " + storage.getClass().getName());
        }
        downloads.add(new Transfer(s.dtype(), s.size()));
        return wrap(s.dtype(), copy(s.array(), s.dtype(), s.size()));
    }

    /** The CPU backend's kernel, run on host views of the device arrays (no copies: the views share them). */
    @Override
    public <A> Kernel<A> kernel(OpDef<A> op) {
        Kernel<A> host = cpu.kernel(op);
        if (host == null) {
            return null;
        }
        return (attrs, inputs, outputs) -> {
            Tensor[] in = hostViews(op, inputs);
            Tensor[] out = hostViews(op, outputs);
            try {
                host.run(attrs, in, out);
            } finally {
                dropViews(in);
                dropViews(out);
            }
        };
    }

    public synchronized List<Transfer> uploads() {
        return List.copyOf(uploads);
    }

    public synchronized List<Transfer> downloads() {
        return List.copyOf(downloads);
    }

    public synchronized void clearTransfers() {
        uploads.clear();
        downloads.clear();
    }

    /** Simulated storages allocated and not yet released, across all instances. */
    public static long liveStorages() {
        return LIVE.get();
    }

    static void freed(SimulatedStorage s) {
        LIVE.decrementAndGet();
    }

    private static SimulatedStorage track(SimulatedStorage s) {
        LIVE.incrementAndGet();
        return s;
    }

    private static Tensor[] hostViews(OpDef<?> op, Tensor[] ts) {
        Tensor[] views = new Tensor[ts.length];
        for (int i = 0; i < ts.length; i++) {
            if (!(TensorAccess.storage(ts[i]) instanceof SimulatedStorage s)) {
                throw new IllegalStateException(op.name() + ": tensor " + i + " is on " + ts[i].device() + ", not on the simulated device");
            }
            views[i] = TensorAccess.fromStorage(ts[i].shape(), wrap(s.dtype(), s.array()));
            MemoryScope.detach(views[i]); // kernel-internal: not the caller's tensor
        }
        return views;
    }

    private static void dropViews(Tensor[] views) {
        for (Tensor v : views) {
            v.release(); // drops the view only; a wrapped array is never recycled
        }
    }

    private static HostStorage wrap(DType dtype, Object array) {
        return switch (dtype) {
            case FLOAT32 -> HostStorage.wrap((float[]) array);
            case FLOAT64 -> HostStorage.wrap((double[]) array);
            case INT32 -> HostStorage.wrap((int[]) array);
            case INT64 -> HostStorage.wrap((long[]) array);
            case UINT8 -> HostStorage.wrap((byte[]) array);
        };
    }

    private static Object newArray(DType dtype, int size) {
        return switch (dtype) {
            case FLOAT32 -> new float[size];
            case FLOAT64 -> new double[size];
            case INT32 -> new int[size];
            case INT64 -> new long[size];
            case UINT8 -> new byte[size];
        };
    }

    private static Object copy(Object array, DType dtype, int size) {
        Object c = newArray(dtype, size);
        System.arraycopy(array, 0, c, 0, size);
        return c;
    }
}
