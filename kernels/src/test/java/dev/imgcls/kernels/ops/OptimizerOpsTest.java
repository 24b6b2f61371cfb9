package dev.imgcls.kernels.ops;

import dev.imgcls.kernels.testing.BackendUnderTest;
import dev.imgcls.kernels.testing.EveryBackend;
import dev.imgcls.kernels.testing.OpCheck;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ElementwiseOps;
import dev.imgcls.tensor.ops.OptimizerOps;
import org.junit.jupiter.api.Test;

import static dev.imgcls.kernels.testing.OpCheck.compareBackends;
import static dev.imgcls.kernels.testing.OpCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizerOpsTest {
    @EveryBackend
    void momentumMatchesTheReference(BackendUnderTest backend) {
        for (boolean nesterov : new boolean[] {false, true}) {
            for (int[] shape : new int[][] {{1}, {17}, {3, 3, 5, 33}, {70001}}) {
                compareBackends(backend, x -> OptimizerOps.applyMomentum(x[0], x[1], x[2], 0.37, 0.9, nesterov), 1e-6,
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

    @EveryBackend
    void adamMatchesTheReference(BackendUnderTest backend) {
        for (int[] shape : new int[][] {{1}, {17}, {3, 3, 5, 33}, {70001}}) {
            // v ≥ 0 as a second-moment slot is
            compareBackends(backend, x -> OptimizerOps.applyAdam(x[0], x[1], ElementwiseOps.square(x[2]), x[3], 0.0123, 0.9, 0.999, 1e-8), 1e-6,
                    randn(1, shape), randn(2, shape), randn(3, shape), randn(4, shape));
        }
    }

    @EveryBackend
    void rmsPropMatchesTheReferencePlainAndCentered(BackendUnderTest backend) {
        for (int[] shape : new int[][] {{1}, {17}, {3, 3, 5, 33}, {70001}}) {
            OptimizerOps.RmsPropAttrs plain = new OptimizerOps.RmsPropAttrs(0.01, 0.9, 0.5, 1.0, false);
            compareBackends(backend, x -> OptimizerOps.applyRmsProp(x[0], ElementwiseOps.square(x[1]), x[2], null, x[3], plain), 1e-6,
                    randn(1, shape), randn(2, shape), randn(3, shape), randn(4, shape));
            // centered: ms ≥ mg² keeps the root real, as the running moments guarantee in training
            OptimizerOps.RmsPropAttrs centered = new OptimizerOps.RmsPropAttrs(0.01, 0.9, 0.5, 1.0, true);
            compareBackends(backend, x -> OptimizerOps.applyRmsProp(x[0], ElementwiseOps.square(x[1]).add(x[3].mul(x[3])), x[2], x[3], x[4], centered), 1e-5,
                    randn(5, shape), randn(6, shape), randn(7, shape), randn(8, shape), randn(9, shape));
        }
    }

    /** The fused kernels are drop-ins for the updates written with elementwise ops: bit for bit. */
    @Test
    void adamAndRmsPropEqualTheUnfusedUpdatesExactly() {
        Tensor w = randn(4, 4099);
        Tensor m = randn(5, 4099);
        Tensor v = ElementwiseOps.square(randn(6, 4099));
        Tensor g = randn(7, 4099);
        Tensor mg = randn(8, 4099).mul(0.1);
        try (Autograd.Scope cpu = Backends.use(OpCheck.CPU)) {
            double rate = 0.00123;
            Tensor[] adam = OptimizerOps.applyAdam(w, m, v, g, rate, 0.9, 0.999, 1e-8);
            Tensor newM = m.add(g.sub(m).mul(f(1 - 0.9)));
            Tensor newV = v.add(g.mul(g).sub(v).mul(f(1 - 0.999)));
            Tensor newW = w.sub(newM.mul(f(rate)).div(ElementwiseOps.sqrt(newV).add(f(1e-8))));
            assertArrayEquals(newM.toFloatArray(), adam[1].toFloatArray());
            assertArrayEquals(newV.toFloatArray(), adam[2].toFloatArray());
            assertArrayEquals(newW.toFloatArray(), adam[0].toFloatArray());

            for (boolean centered : new boolean[] {false, true}) {
                Tensor[] rms = OptimizerOps.applyRmsProp(w, v, m, centered ? mg : null, g,
                        new OptimizerOps.RmsPropAttrs(0.01, 0.9, 0.5, 1e-3, centered));
                Tensor ms = v.add(g.mul(g).sub(v).mul(f(1 - 0.9)));
                Tensor scaled = g.mul(f(0.01));
                Tensor step;
                if (centered) {
                    Tensor newMg = mg.add(g.sub(mg).mul(f(1 - 0.9)));
                    assertArrayEquals(newMg.toFloatArray(), rms[3].toFloatArray());
                    step = scaled.mul(ElementwiseOps.rsqrt(ms.sub(newMg.mul(newMg)).add(f(1e-3))));
                } else {
                    assertEquals(3, rms.length);
                    step = scaled.div(ElementwiseOps.sqrt(ms.add(f(1e-3))));
                }
                Tensor mom = m.mul(f(0.5)).add(step);
                assertArrayEquals(ms.toFloatArray(), rms[1].toFloatArray());
                assertArrayEquals(mom.toFloatArray(), rms[2].toFloatArray());
                assertArrayEquals(w.sub(mom).toFloatArray(), rms[0].toFloatArray());
            }
        }
    }

    private static Tensor f(double value) {
        return Tensor.scalar(dev.imgcls.tensor.DType.FLOAT32, value);
    }

    @Test
    void mismatchedSlotIsRejectedWithItsShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptimizerOps.applyMomentum(randn(1, 4, 3), randn(2, 4, 2), randn(3, 4, 3), 0.1, 0.9, false));
        assertTrue(e.getMessage().contains("accumulator [4, 2]"), e.getMessage());
    }
}
