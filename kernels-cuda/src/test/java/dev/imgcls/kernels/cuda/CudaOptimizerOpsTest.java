package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaTestSupport.compare;
import static dev.imgcls.kernels.testing.OpCheck.randn;

import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ElementwiseOps;
import dev.imgcls.tensor.ops.OptimizerOps;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The optimizer update ops on the GPU against the reference (needs a GPU; SKIPPED with the reason otherwise). */
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

    @Test
    void adamMatchesTheReference() {
        compare(x -> OptimizerOps.applyAdam(x[0], x[1], x[2], x[3], 0.0123, 0.9, 0.999, 1e-8), 1e-6,
                randn(1, 1000), randn(2, 1000), ElementwiseOps.square(randn(3, 1000)), randn(4, 1000));
    }

    @Test
    void rmsPropMatchesTheReference() {
        compare(x -> OptimizerOps.applyRmsProp(x[0], x[1], x[2], null, x[3], new OptimizerOps.RmsPropAttrs(0.01, 0.9, 0.5, 1.0, false)),
                1e-6, randn(1, 1000), ElementwiseOps.square(randn(2, 1000)), randn(3, 1000), randn(4, 1000));
        compare(x -> OptimizerOps.applyRmsProp(x[0], x[1], x[2], x[3], x[4], new OptimizerOps.RmsPropAttrs(0.01, 0.9, 0.5, 1.0, true)),
                1e-5, randn(5, 1000), ElementwiseOps.square(randn(6, 1000)).add(Tensor.scalar(1f)), randn(7, 1000),
                randn(8, 1000).mul(Tensor.scalar(0.1f)), randn(9, 1000));
    }
}
