package dev.imgcls.kernels.engine;

import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.spi.HostArrayPool;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Memory released during backward: consumed gradients always, forward tensors on request. */
class BackwardMemoryTest {
    /** Large enough for the array pool, so released buffers are visible in its byte count. */
    private static final int N = HostArrayPool.MIN_POOLED_ELEMENTS * 2;
    private static final long TENSOR_BYTES = (long) N * Float.BYTES;

    private static Tensor leaf(long seed) {
        return Tensor.randomNormal(new Generator(seed), 0, 1, N).requiresGrad(true);
    }

    /** loss = Σ relu(x·x + x)·y: a chain with a shared input and two leaves. */
    private static Tensor[] forward(Tensor x, Tensor y) {
        Tensor a = x.mul(x).add(x);
        Tensor b = a.relu();
        Tensor loss = b.mul(y).sum();
        return new Tensor[] {a, b, loss};
    }

    private static double[][] reference(long seed) {
        Tensor x = leaf(seed);
        Tensor y = leaf(seed + 1);
        forward(x, y)[2].backward();
        return new double[][] {x.grad().toDoubleArray(), y.grad().toDoubleArray()};
    }

    @Test
    void consumedGradientsReturnToThePoolDuringBackward() {
        double[][] expected = reference(3);
        Tensor x = leaf(3);
        Tensor y = leaf(4);
        try (MemoryScope step = MemoryScope.open()) {
            Tensor[] fwd = forward(x, y);
            HostArrayPool.shared().clear();
            fwd[2].backward();
            // Gradient temporaries (of b, of a, and partial sums for x) went back; forward tensors stay.
            assertTrue(HostArrayPool.shared().heldBytes() >= 2 * TENSOR_BYTES, "held " + HostArrayPool.shared().heldBytes());
            assertFalse(fwd[0].isReleased() || fwd[1].isReleased());
            assertArrayEquals(expected[0], x.grad().toDoubleArray(), 0);
            assertArrayEquals(expected[1], y.grad().toDoubleArray(), 0);
        }
        assertFalse(x.grad().isReleased(), "leaf gradients outlive the scope");
    }

    @Test
    void releasingTheGraphFreesForwardTensorsButKeepsTheRootAndLeafGradients() {
        double[][] expected = reference(5);
        Tensor x = leaf(5);
        Tensor y = leaf(6);
        try (MemoryScope step = MemoryScope.open()) {
            Tensor[] fwd = forward(x, y);
            double loss = fwd[2].item();
            HostArrayPool.shared().clear();
            fwd[2].backwardReleasingGraph();
            assertTrue(fwd[0].isReleased() && fwd[1].isReleased());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> fwd[1].toDoubleArray());
            assertTrue(e.getMessage().contains("released"), e.getMessage());
            assertEquals(loss, fwd[2].item(), 0);
            assertTrue(HostArrayPool.shared().heldBytes() >= 3 * TENSOR_BYTES, "held " + HostArrayPool.shared().heldBytes());
            assertArrayEquals(expected[0], x.grad().toDoubleArray(), 0);
            assertArrayEquals(expected[1], y.grad().toDoubleArray(), 0);
        }
        assertFalse(x.isReleased() || y.isReleased() || x.grad().isReleased() || y.grad().isReleased());
    }

    @Test
    void outsideAnyScopeNothingIsReleased() {
        Tensor x = leaf(7);
        Tensor y = leaf(8);
        Tensor[] fwd = forward(x, y);
        fwd[2].backwardReleasingGraph();
        assertFalse(fwd[0].isReleased() || fwd[1].isReleased(), "unowned tensors belong to the caller");
    }

    @Test
    void gradientsAccumulateAcrossStepsWithRecycledBuffers() {
        double[][] once = reference(9);
        Tensor x = leaf(9);
        Tensor y = leaf(10);
        for (int step = 0; step < 3; step++) {
            try (MemoryScope s = MemoryScope.open()) {
                forward(x, y)[2].backwardReleasingGraph();
            }
        }
        double[] g = x.grad().toDoubleArray();
        for (int i = 0; i < N; i++) {
            assertEquals(3 * once[0][i], g[i], 1e-4 * Math.max(1, Math.abs(g[i])));
        }
    }
}
