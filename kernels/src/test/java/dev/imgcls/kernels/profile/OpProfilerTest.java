package dev.imgcls.kernels.profile;

import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.Padding;
import dev.imgcls.tensor.profile.OpKind;
import dev.imgcls.tensor.profile.OpProfiler;
import dev.imgcls.tensor.profile.OpStats;
import dev.imgcls.tensor.profile.Profile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpProfilerTest {

    @AfterEach
    void stopLeftoverSession() {
        if (OpProfiler.isRunning()) {
            OpProfiler.stop();
        }
    }

    private static Tensor randn(long seed, int... dims) {
        return Tensor.randomNormal(new Generator(seed), 0, 1, dims);
    }

    /**
     * conv (stride 2, SAME, odd sizes) → relu → reshape → matmul → sum, then backward: every op's
     * call count and the conv/matmul FLOPs are known by hand.
     */
    @Test
    void countsCallsKindsAndFlopsOfATinyGraph() {
        Tensor x = randn(1, 2, 7, 9, 5).requiresGrad(true);
        Tensor w = randn(2, 3, 3, 5, 6).requiresGrad(true);
        Tensor b = randn(3, 120, 3).requiresGrad(true);

        OpProfiler.start();
        Tensor y = ConvOps.conv2d(x, w, 2, Padding.SAME);   // [2, 4, 5, 6]
        Tensor h = y.relu().reshape(2, 120);
        Tensor z = h.matmul(b);                            // [2, 3]
        z.sum().backward();
        Profile p = OpProfiler.stop();

        // Output 4×5 (ceil(7/2), ceil(9/2)), 6 channels, 3×3×5 taps per output, batch 2.
        long convFlops = 2L * 2 * 4 * 5 * 6 * 3 * 3 * 5;
        assertStats(p.op("conv2d"), OpKind.CONV_FORWARD, 1, convFlops);
        assertStats(p.op("conv2d_backprop_input"), OpKind.CONV_BACKWARD_DATA, 1, convFlops);
        assertStats(p.op("conv2d_backprop_filter"), OpKind.CONV_BACKWARD_FILTER, 1, convFlops);
        // Forward [2,120]·[120,3]; backward dH = G·Bᵀ and dB = Hᵀ·G have the same m·k·n.
        assertStats(p.op("matmul"), OpKind.MATMUL, 3, 3 * 2L * 2 * 120 * 3);
        assertEquals(OpKind.ELEMENTWISE, p.op("relu").kind());
        assertEquals(1, p.op("relu").calls());
        assertEquals(OpKind.ELEMENTWISE, p.op("relu_grad").kind());
        assertEquals(OpKind.REDUCTION, p.op("sum").kind());
        assertNull(p.op("reshape"), "a view runs no kernel, so it is not timed");

        assertEquals(p.kernelNanos(), p.kinds().values().stream().mapToLong(OpStats::nanos).sum());
        assertEquals(p.totalCalls(), p.kinds().values().stream().mapToLong(OpStats::calls).sum());
        assertTrue(p.kernelNanos() > 0 && p.kernelNanos() <= p.wallNanos(), "kernel time within the session");
        assertEquals(3 * convFlops + 3 * 2L * 2 * 120 * 3, p.denseMath().flops());
        // Outputs of every kernel: at least the conv output, its relu, and the input gradient (4 bytes each).
        assertTrue(p.allocatedBytes() >= 4L * (2 * 4 * 5 * 6 + 2 * 4 * 5 * 6 + 2 * 7 * 9 * 5), "allocated " + p.allocatedBytes());
        assertTrue(p.allocationNanos() > 0);
        assertFalse(p.kinds().containsKey(OpKind.BATCH_NORM));

        String table = p.table();
        assertTrue(table.contains("conv backward-filter") && table.contains("conv2d_backprop_input"), table);
    }

    @Test
    void depthwiseConvolutionsGetTheirOwnRows() {
        Tensor x = randn(4, 1, 5, 6, 8).requiresGrad(true);
        Tensor dw = randn(5, 3, 3, 1, 8).requiresGrad(true);
        Tensor pw = randn(6, 1, 1, 8, 4).requiresGrad(true);
        OpProfiler.start();
        Tensor y = ConvOps.conv2d(ConvOps.conv2d(x, dw, new ConvOps.Conv2dAttrs(1, 1, Padding.SAME, 8)), pw, 1, Padding.SAME);
        y.sum().backward();
        Profile p = OpProfiler.stop();

        long depthwiseFlops = 2L * 5 * 6 * 8 * 3 * 3;   // one 3×3 tap set per channel
        long pointwiseFlops = 2L * 5 * 6 * 4 * 8;
        assertStats(p.op("conv2d [grouped]"), OpKind.CONV_FORWARD, 1, depthwiseFlops);
        assertStats(p.op("conv2d_backprop_filter [grouped]"), OpKind.CONV_BACKWARD_FILTER, 1, depthwiseFlops);
        assertStats(p.op("conv2d"), OpKind.CONV_FORWARD, 1, pointwiseFlops);
        assertStats(p.op("conv2d_backprop_input"), OpKind.CONV_BACKWARD_DATA, 1, pointwiseFlops);
        assertEquals(2, p.kinds().get(OpKind.CONV_FORWARD).calls());
        assertEquals(depthwiseFlops + pointwiseFlops, p.kinds().get(OpKind.CONV_FORWARD).flops());
    }

    private static void assertStats(OpStats s, OpKind kind, long calls, long flops) {
        assertEquals(kind, s.kind(), s.name());
        assertEquals(calls, s.calls(), s.name());
        assertEquals(flops, s.flops(), s.name());
        assertTrue(s.nanos() > 0, s.name());
    }

    @Test
    void recordsNothingWhenOffAndSessionsAreIndependent() {
        Tensor a = randn(4, 3, 4);
        a.add(a);                       // not profiled
        OpProfiler.start();
        a.mul(a);
        Profile first = OpProfiler.stop();
        a.neg();                        // not profiled
        OpProfiler.start();
        Profile second = OpProfiler.stop();

        assertNull(first.op("add"));
        assertNull(first.op("neg"));
        assertEquals(1, first.op("mul").calls());
        assertEquals(0, first.op("mul").flops(), "elementwise ops do not count FLOPs");
        assertTrue(second.ops().isEmpty());
        assertEquals(0, second.kernelNanos());
    }

    @Test
    void startAndStopMisuseIsReported() {
        assertThrows(IllegalStateException.class, OpProfiler::stop);
        OpProfiler.start();
        assertThrows(IllegalStateException.class, OpProfiler::start);
    }
}
