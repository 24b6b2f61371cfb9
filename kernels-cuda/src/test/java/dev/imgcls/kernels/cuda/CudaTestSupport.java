package dev.imgcls.kernels.cuda;

import dev.imgcls.kernels.testing.GpuPresence;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.Tensor;

/**
 * What the GPU-only test classes share: the CUDA backend and the per-test skip (reported SKIPPED
 * with the reason when no usable GPU is present). The op comparisons themselves are the shared op
 * suite's ({@code kernels}' test-jar, run here by surefire with the CUDA backend as its parameter).
 */
final class CudaTestSupport {
    static final CudaBackend CUDA = (CudaBackend) Backends.byName(CudaBackend.NAME);
    /** The device CUDA's storage reports; toDevice(GPU) uploads through CUDA (the only CUDA-kind backend here). */
    static final Device GPU = Device.cuda(0);

    private CudaTestSupport() {
    }

    /**
     * Call from each test's @BeforeEach: reported SKIPPED, with the reason, where no NVIDIA GPU is
     * visible; FAILED, with the backend's reason, where one is visible but the backend cannot use it.
     */
    static void requireGpu() {
        GpuPresence.requireUsable(CUDA);
    }

    static Tensor onHost(Tensor t) {
        return t.toDevice(Device.CPU);
    }
}
