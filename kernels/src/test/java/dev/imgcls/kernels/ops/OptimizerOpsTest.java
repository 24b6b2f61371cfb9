package dev.imgcls.kernels.ops;

import dev.imgcls.kernels.testing.OpCheck;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.OptimizerOps;
import org.junit.jupiter.api.Test;

import static dev.imgcls.kernels.testing.OpCheck.compareBackends;
import static dev.imgcls.kernels.testing.OpCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizerOpsTest {
    @Test
    void momentumMatchesTheReference() {
        for (boolean nesterov : new boolean[] {false, true}) {
            for (int[] shape : new int[][] {{1}, {17}, {3, 3, 5, 33}, {70001}}) {
                compareBackends(x -> OptimizerOps.applyMomentum(x[0], x[1], x[2], 0.37, 0.9, nesterov), 1e-6,
                        randn(1, shape), randn(2, shape), randn(3, shape));
            }
        }
    }

    /** The fused kernel is a drop-in for the update written with mul/add/sub: bit for bit. */
    @Test
    void momentumEqualsTheUnfusedUpdateExactly() {
        Tensor w = randn(4, 4099);
        Tensor a = randn(5, 4099);
        Tensor g = randn(6, 4099);
        double lr = 0.0123;
        double mu = 0.9;
        try (Autograd.Scope cpu = Backends.use(OpCheck.CPU)) {
            for (boolean nesterov : new boolean[] {false, true}) {
                Tensor[] fused = OptimizerOps.applyMomentum(w, a, g, lr, mu, nesterov);
                Tensor lrT = Tensor.scalar(w.dtype(), lr);
                Tensor muT = Tensor.scalar(w.dtype(), mu);
                Tensor acc = a.mul(muT).add(g);
                Tensor newW = nesterov ? w.sub(g.mul(lrT).add(acc.mul(muT).mul(lrT))) : w.sub(acc.mul(lrT));
                assertArrayEquals(acc.toFloatArray(), fused[1].toFloatArray());
                assertArrayEquals(newW.toFloatArray(), fused[0].toFloatArray());
            }
        }
    }

    @Test
    void mismatchedSlotIsRejectedWithItsShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptimizerOps.applyMomentum(randn(1, 4, 3), randn(2, 4, 2), randn(3, 4, 3), 0.1, 0.9, false));
        assertTrue(e.getMessage().contains("accumulator [4, 2]"), e.getMessage());
    }
}
