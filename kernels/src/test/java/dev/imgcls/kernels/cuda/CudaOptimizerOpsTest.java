package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaTestSupport.compare;
import static dev.imgcls.kernels.testing.OpCheck.randn;

import dev.imgcls.tensor.ops.OptimizerOps;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** apply_momentum on the GPU against the reference (needs a GPU; SKIPPED with the reason otherwise). */
class CudaOptimizerOpsTest {
    @BeforeEach
    void gpu() {
        CudaTestSupport.requireGpu();
    }

    @Test
    void momentumMatchesTheReference() {
        for (boolean nesterov : new boolean[] {false, true}) {
            compare(x -> OptimizerOps.applyMomentum(x[0], x[1], x[2], 0.37, 0.9, nesterov), 1e-6,
                    randn(1, 3, 3, 5, 33), randn(2, 3, 3, 5, 33), randn(3, 3, 3, 5, 33));
        }
    }
}
