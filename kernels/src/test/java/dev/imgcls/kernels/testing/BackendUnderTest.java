package dev.imgcls.kernels.testing;

import dev.imgcls.kernels.cpu.CpuBackend;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.spi.Backend;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One backend the op suite runs on, and the device its inputs are copied to ({@link Device#CPU}
 * for host backends). Named by the backend, so a parameterised case reads "[cuda] …".
 */
public record BackendUnderTest(Backend backend, Device device) {
    /**
     * Skips the calling test, with the reason, when the backend cannot run here because there is no
     * GPU; fails it when a GPU is visible and the backend is still unusable (a broken stack).
     */
    public void assumeUsable() {
        if (backend.deviceKind() == Device.Kind.CUDA) {
            GpuPresence.requireUsable(backend);
        }
        assumeTrue(backend.isAvailable(), () -> backend.name() + " unavailable: " + backend.unavailableReason());
    }

    /** {@code t} on this backend's device (the tensor itself for host backends). */
    public Tensor put(Tensor t) {
        return t == null ? null : t.toDevice(device);
    }

    /** {@code t} copied back to the host, so it can be compared and read. */
    public static Tensor back(Tensor t) {
        return t == null ? null : t.toDevice(Device.CPU);
    }

    /**
     * {@code tol} for the backends that run this module's kernels (CPU, simulated device); at least
     * {@code vendorTol} for the others, whose libraries (cuDNN, cuBLAS) choose their own algorithms
     * and summation order.
     */
    public double tol(double tol, double vendorTol) {
        return runsHostKernels() ? tol : Math.max(tol, vendorTol);
    }

    private boolean runsHostKernels() {
        return backend.name().equals(CpuBackend.NAME) || backend instanceof SimulatedDeviceBackend;
    }

    @Override
    public String toString() {
        return backend.name();
    }
}
