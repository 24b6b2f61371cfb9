package dev.imgcls.kernels.ops;

import dev.imgcls.kernels.testing.BackendUnderTest;
import dev.imgcls.kernels.testing.EveryBackend;
import dev.imgcls.kernels.testing.OpCheck;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.LossOps;
import dev.imgcls.tensor.ops.LossOps.SoftmaxCrossEntropyAttrs;
import dev.imgcls.tensor.ops.ShapeOps;
import dev.imgcls.tensor.spi.Backend;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.imgcls.kernels.testing.OpCheck.compareBackends;
import static dev.imgcls.kernels.testing.OpCheck.compareBackends1;
import static dev.imgcls.kernels.testing.OpCheck.compareBackendsWithGrad;
import static dev.imgcls.kernels.testing.OpCheck.gradCheck;
import static dev.imgcls.kernels.testing.OpCheck.randn;
import static dev.imgcls.kernels.testing.OpCheck.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LossOpsTest {
    private static final List<Backend> BACKENDS = List.of(OpCheck.REFERENCE, OpCheck.CPU);

    @Test
    void labelSmoothedCrossEntropyByHand() {
        // Row 0: logits [1,2,3], label 2; row 1: [0.5,-0.5,0], label 0; ls = 0.1, C = 3, so targets are
        // 0.1/3 off the label and 0.9 + 0.1/3 on it.
        // Row 0: logΣexp = 3 + ln(1 + e^-1 + e^-2) = 3.4076059644; Σ t·z = (1 + 2)/30 + 3·(0.9 + 1/30) = 2.9;
        //        loss = Σ t·(logΣexp − z) = 3.4076059644 − 2.9 = 0.5076059644.
        //        softmax = [e^-2, e^-1, 1] / 1.5032147244 = [0.0900305732, 0.2447284711, 0.6652409558].
        // Row 1: logΣexp = 0.5 + ln(1 + e^-0.5 + e^-1) = 1.1802696706; Σ t·z = 0.5·(0.9 + 1/30) − 0.5/30 = 0.45;
        //        loss = 0.7302696706; softmax = [e^0.5, e^-0.5, 1] / 3.2552519304 = [0.5064803911, 0.1863237232, 0.3071958857].
        // backprop = softmax − targets.
        Tensor logits = Tensor.of(new float[] {1, 2, 3, 0.5f, -0.5f, 0}, 2, 3);
        Tensor labels = Tensor.ofInts(new int[] {2, 0}, 2);
        float third = 0.1f / 3;
        float[] expectedBackprop = {
                0.0900305732f - third, 0.2447284711f - third, 0.6652409558f - 0.9f - third,
                0.5064803911f - 0.9f - third, 0.1863237232f - third, 0.3071958857f - third};
        for (Backend b : BACKENDS) {
            try (Autograd.Scope ignored = Backends.use(b)) {
                Tensor[] out = LossOps.SOFTMAX_CROSS_ENTROPY.apply(new SoftmaxCrossEntropyAttrs(0.1), logits, labels);
                assertArrayEquals(new float[] {0.5076059644f, 0.7302696706f}, out[0].toFloatArray(), 1e-6f, b.name());
                assertArrayEquals(expectedBackprop, out[1].toFloatArray(), 1e-6f, b.name());
                assertEquals((0.5076059644 + 0.7302696706) / 2, LossOps.softmaxCrossEntropyMean(logits, labels, 0.1).item(), 1e-6, b.name());
            }
        }
    }

    @Test
    void softmaxFamilyIsStableForHugeLogits() {
        // Shifting logits by 1000 changes nothing: softmax([0,1,2]) = [0.0900305732, 0.2447284711, 0.6652409558].
        Tensor logits = Tensor.of(new float[] {1000, 1001, 1002}, 1, 3);
        for (Backend b : BACKENDS) {
            try (Autograd.Scope ignored = Backends.use(b)) {
                assertArrayEquals(new float[] {0.0900305732f, 0.2447284711f, 0.6652409558f}, LossOps.softmax(logits).toFloatArray(), 1e-6f, b.name());
                assertArrayEquals(new float[] {-2.4076059644f, -1.4076059644f, -0.4076059644f}, LossOps.logSoftmax(logits).toFloatArray(), 1e-5f, b.name());
                assertArrayEquals(new float[] {2.4076059644f},
                        LossOps.softmaxCrossEntropy(logits, Tensor.ofLongs(new long[] {0}, 1), 0).toFloatArray(), 1e-5f, b.name());
            }
        }
    }

    @Test
    void l2LossIsHalfTheSumOfSquares() {
        for (Backend b : BACKENDS) {
            try (Autograd.Scope ignored = Backends.use(b)) {
                Tensor l = LossOps.l2Loss(Tensor.of(new float[] {1, -2, 3}, 3));
                assertEquals(0, l.rank());
                assertEquals(7.0, l.item(), 0, b.name());
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        gradCheck(x -> LossOps.softmax(x[0]), randn(1, 4, 7));
        gradCheck(x -> LossOps.softmax(x[0]), randn(2, 2, 3, 4));
        gradCheck(x -> LossOps.logSoftmax(x[0]), randn(3, 3, 5));
        gradCheck(x -> LossOps.l2Loss(x[0]), randn(4, 3, 4, 5));
        Tensor labels = Tensor.ofInts(new int[] {0, 4, 2, 4, 1}, 5);
        Tensor longLabels = Tensor.ofLongs(new long[] {3, 0, 2}, 3);
        for (double ls : new double[] {0, 0.1}) {
            gradCheck(x -> LossOps.softmaxCrossEntropy(x[0], labels, ls), randn(5, 5, 5));
            gradCheck(x -> LossOps.softmaxCrossEntropyMean(x[0], longLabels, ls), randn(6, 3, 4));
            // The backprop output is differentiable too (through the softmax).
            gradCheck(x -> LossOps.SOFTMAX_CROSS_ENTROPY.apply(new SoftmaxCrossEntropyAttrs(ls), x[0], labels)[1], randn(7, 5, 5));
        }
    }

    @Test
    void labelsGetNoGradient() {
        Tensor logits = randn(8, 2, 3).requiresGrad(true);
        Tensor labels = Tensor.ofInts(new int[] {1, 2}, 2);
        LossOps.softmaxCrossEntropyMean(logits, labels, 0.1).backward();
        assertNull(labels.grad());
        assertEquals(6, logits.grad().numel());
    }

    @EveryBackend
    void matchesReference(BackendUnderTest backend) {
        long seed = 20;
        double tol = backend.tol(1e-6, 1e-5);
        for (int[] shape : List.of(new int[] {1, 3}, new int[] {5, 17}, new int[] {7, 1001}, new int[] {2, 3, 33})) {
            compareBackendsWithGrad(backend, x -> LossOps.softmax(x[0]), tol, randn(seed++, shape));
            compareBackendsWithGrad(backend, x -> LossOps.logSoftmax(x[0]), tol, randn(seed++, shape));
        }
        for (int[] nc : List.of(new int[] {1, 3}, new int[] {5, 17}, new int[] {33, 1001})) {
            int[] lab = new int[nc[0]];
            for (int i = 0; i < lab.length; i++) {
                lab[i] = (i * 7 + 3) % nc[1];
            }
            Tensor labels = Tensor.ofInts(lab, nc[0]);
            Tensor logits = randn(seed++, nc).mul(4);
            for (double ls : new double[] {0, 0.1}) {
                SoftmaxCrossEntropyAttrs attrs = new SoftmaxCrossEntropyAttrs(ls);
                compareBackends(backend, x -> LossOps.SOFTMAX_CROSS_ENTROPY.apply(attrs, x[0], x[1]), tol, logits, labels);
                compareBackendsWithGrad(backend, x -> LossOps.softmaxCrossEntropy(x[0], x[1], ls), tol, logits, labels);
                compareBackends(backend, x -> LossOps.SOFTMAX_CROSS_ENTROPY.apply(attrs, x[0], x[1]), tol, logits, ShapeOps.cast(labels, DType.INT64));
            }
        }
        compareBackendsWithGrad(backend, x -> LossOps.l2Loss(x[0]), tol, randn(seed++, 100_003));
        compareBackends1(backend, x -> LossOps.l2Loss(x[0]), tol, randn(seed, 3, 3, 64, 17));
    }

    @EveryBackend
    void labelOutOfRangeNamesTheRowAndValue(BackendUnderTest backend) {
        backend.assumeUsable();
        Tensor logits = randn(30, 3, 4);
        IllegalArgumentException high = assertThrows(IllegalArgumentException.class,
                () -> run(backend, x -> new Tensor[] {LossOps.softmaxCrossEntropy(x[0], x[1], 0)}, logits, Tensor.ofInts(new int[] {0, 3, 4}, 3)));
        assertTrue(high.getMessage().contains("label 4 of row 2"), high.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> run(backend, x -> new Tensor[] {LossOps.softmaxCrossEntropy(x[0], x[1], 0)}, logits, Tensor.ofLongs(new long[] {0, -1, 2}, 3)));
        assertTrue(negative.getMessage().contains("label -1 of row 1"), negative.getMessage());
    }

    @Test
    void badInputsAreRejectedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxCrossEntropyAttrs(1.0));
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxCrossEntropyAttrs(-0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossOps.softmaxCrossEntropy(randn(1, 3, 4), Tensor.ofInts(new int[] {0, 1}, 2), 0));
        assertTrue(e.getMessage().contains("one entry per logits row"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LossOps.softmaxCrossEntropy(randn(2, 3, 4), randn(3, 3), 0));
    }
}
