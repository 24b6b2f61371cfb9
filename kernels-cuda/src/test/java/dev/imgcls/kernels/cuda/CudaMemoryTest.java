package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.testing.OpCheck.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.LinalgOps;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Device memory released by a {@link MemoryScope} goes back: repeated steps hold no more bytes. */
class CudaMemoryTest {
    @BeforeEach
    void requireGpu() {
        CudaTestSupport.requireGpu();
    }

    @Test
    void memoryStaysFlatAcrossSteps() {
        CudaBackend cuda = CudaTestSupport.CUDA;
        Tensor w = randn(70, 64, 32).toDevice(CudaTestSupport.GPU);
        Tensor x = randn(71, 16, 64).toDevice(CudaTestSupport.GPU);
        long before = 0;
        for (int step = 0; step < 20; step++) {
            try (Autograd.Scope ignored = Backends.use(cuda); MemoryScope scope = MemoryScope.open()) {
                LinalgOps.matmul(x, w, false, false).relu().sum();
            }
            if (step == 1) {
                before = cuda.allocatedBytes();
            }
        }
        assertEquals(before, cuda.allocatedBytes(), "bytes held by live tensors after each step");
    }
}
