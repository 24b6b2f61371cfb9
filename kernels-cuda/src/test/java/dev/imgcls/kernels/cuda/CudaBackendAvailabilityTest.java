package dev.imgcls.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.spi.Backend;
import org.junit.jupiter.api.Test;

/** Discovery never fails, and a machine without a usable GPU gets a reason and an actionable error. */
class CudaBackendAvailabilityTest {
    private final Backend cuda = Backends.byName(CudaBackend.NAME);

    @Test
    void isDiscoveredForTheCudaDeviceKind() {
        assertTrue(Backends.all().contains(cuda));
        assertEquals(Device.Kind.CUDA, cuda.deviceKind());
        // The CPU device keeps its own backend whatever the GPU situation.
        assertEquals(Device.Kind.CPU, Backends.forDevice(Device.CPU).deviceKind());
    }

    @Test
    void withoutAGpuItIsUnavailableAndSaysWhatIsMissing() {
        assumeFalse(cuda.isAvailable(), "a usable GPU is present: " + ((CudaBackend) cuda).describe());
        String reason = cuda.unavailableReason();
        System.out.println("[CudaBackendAvailabilityTest] cuda unavailable: " + reason);
        // The first missing piece is named: the driver library, a GPU, cuBLAS (13 or 12) or cuDNN 9.
        assertTrue(reason.contains("libcuda.so.1") || reason.contains("no GPU") || reason.contains("cuInit")
                || reason.contains("libcublas.so.13") && reason.contains("libcublas.so.12") || reason.contains("cuDNN"), reason);
        assertFalse(reason.isBlank());
    }

    @Test
    void usingItWithoutAGpuFailsWithTheReason() {
        assumeFalse(cuda.isAvailable(), "a usable GPU is present");
        IllegalStateException alloc = assertThrows(IllegalStateException.class, () -> cuda.allocate(DType.FLOAT32, 4));
        assertTrue(alloc.getMessage().contains("CUDA backend is unavailable") && alloc.getMessage().contains(cuda.unavailableReason()),
                alloc.getMessage());
        IllegalStateException move = assertThrows(IllegalStateException.class, () -> Tensor.of(new float[] {1, 2}, 2).toDevice(Device.cuda(0)));
        assertTrue(move.getMessage().contains(cuda.unavailableReason()), move.getMessage());
    }

    @Test
    void kernelCoverageIsListedWithoutAGpu() {
        // The table answers without touching the GPU, so coverage reports work on any machine.
        assertTrue(cuda.kernel(dev.imgcls.tensor.ops.LinalgOps.MATMUL) != null);
        assertTrue(cuda.kernel(dev.imgcls.tensor.ops.ConvOps.CONV2D) != null, "conv2d through cuDNN");
    }
}
