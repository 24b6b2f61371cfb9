package dev.imgcls.kernels.testing;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.Storage;

/**
 * "Device memory" of {@link SimulatedDeviceBackend}: a Java array, but deliberately not a
 * {@link HostStorage}, so a CPU kernel handed a device tensor, or code calling
 * {@code TensorAccess.host(tensor)} on one, fails (not a host storage) instead of silently working.
 * Only the simulated backend itself looks inside.
 */
final class SimulatedStorage implements Storage {
    private final DType dtype;
    private final int size;
    private Object array;
    private int refs = 1;

    SimulatedStorage(DType dtype, Object array, int size) {
        this.dtype = dtype;
        this.array = array;
        this.size = size;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Device device() {
        return SimulatedDeviceBackend.DEVICE;
    }

    @Override
    public synchronized void retain() {
        live();
        refs++;
    }

    @Override
    public synchronized void release() {
        if (refs > 0 && --refs == 0) {
            array = null;
            SimulatedDeviceBackend.freed(this);
        }
    }

    @Override
    public synchronized boolean isReleased() {
        return array == null;
    }

    /** The backing array, for the backend's copies and kernel views only. */
    synchronized Object array() {
        return live();
    }

    private Object live() {
        if (array == null) {
            throw new IllegalStateException("simulated device storage used after its release");
        }
        return array;
    }
}
