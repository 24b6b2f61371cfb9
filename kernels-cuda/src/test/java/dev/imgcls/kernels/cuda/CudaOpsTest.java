package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaTestSupport.compare;
import static dev.imgcls.kernels.cuda.CudaTestSupport.compareWithGrad;
import static dev.imgcls.kernels.testing.OpCheck.randn;
import static dev.imgcls.kernels.testing.OpCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ElementwiseOps;
import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.ops.LossOps;
import dev.imgcls.tensor.ops.ReduceOps;
import dev.imgcls.tensor.ops.ShapeOps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every op the CUDA backend implements, against the reference backend (FLOAT32 inputs, outputs
 * and gradients of Σ f(x)·R). Reported as SKIPPED, with the reason, when no usable GPU is present.
 */
class CudaOpsTest {
    private static CudaBackend cuda;

    @BeforeAll
    static void findBackend() {
        cuda = CudaTestSupport.CUDA;
        System.out.println("[CudaOpsTest] " + cuda.describe());
    }

    /** Per test, so each one is reported SKIPPED with the reason (a class-level skip reports nothing). */
    @BeforeEach
    void requireGpu() {
        CudaTestSupport.requireGpu();
    }

    @Test
    void unaryAndActivationOpsWithGradients() {
        Tensor x = randn(1, 3, 17, 5, 19);
        Tensor positive = uniform(2, 0.25, 3.0, 3, 17, 5, 19);
        compareWithGrad(t -> t[0].relu(), 1e-6, x);
        compareWithGrad(t -> ElementwiseOps.sigmoid(t[0]), 1e-6, x);
        compareWithGrad(t -> ElementwiseOps.tanh(t[0]), 1e-6, x);
        compareWithGrad(t -> ElementwiseOps.swish(t[0]), 1e-6, x);
        compareWithGrad(t -> ElementwiseOps.exp(t[0]), 1e-6, x);
        compareWithGrad(t -> t[0].neg(), 1e-6, x);
        compareWithGrad(t -> ElementwiseOps.square(t[0]), 1e-6, x);
        compareWithGrad(t -> ElementwiseOps.log(t[0]), 1e-6, positive);
        compareWithGrad(t -> ElementwiseOps.sqrt(t[0]), 1e-6, positive);
        compareWithGrad(t -> ElementwiseOps.rsqrt(t[0]), 1e-5, positive);
    }

    @Test
    void binaryOpsBroadcast() {
        Tensor x = randn(10, 1, 7, 5, 19);
        Tensor[] others = {randn(11, 1, 7, 5, 19), randn(12, 19), randn(13, 1), randn(14, 7, 1, 19), randn(15, 5, 1)};
        for (Tensor o : others) {
            compareWithGrad(t -> t[0].add(t[1]), 1e-6, x, o);
            compareWithGrad(t -> t[0].sub(t[1]), 1e-6, x, o);
            compareWithGrad(t -> t[0].mul(t[1]), 1e-6, x, o);
            compareWithGrad(t -> t[0].div(t[1].mul(t[1]).add(0.5)), 1e-5, x, o);
            compareWithGrad(t -> t[1].add(t[0]), 1e-6, x, o);
        }
    }

    @Test
    void reductionsOverAxes() {
        Tensor x = randn(20, 3, 9, 7, 33);
        int[][] axes = {{}, {0}, {3}, {1, 2}, {0, 1, 2}, {0, 3}, {2}};
        for (int[] a : axes) {
            compareWithGrad(t -> ReduceOps.sum(t[0], false, a), 1e-5, x);
            compareWithGrad(t -> ReduceOps.sum(t[0], true, a), 1e-5, x);
            compare(t -> new Tensor[] {ReduceOps.max(t[0], false, a)}, 0, x);
        }
        // Long reductions to few outputs take the block-per-output kernel.
        compareWithGrad(t -> ReduceOps.sum(t[0], false), 1e-5, randn(21, 100003));
        compareWithGrad(t -> ReduceOps.sum(t[0], false, 0), 1e-5, randn(22, 5000, 3));
        compare(t -> new Tensor[] {ReduceOps.max(t[0], true, 1)}, 0, randn(23, 3, 9000));
    }

    @Test
    void biasAddSoftmaxAndLosses() {
        compareWithGrad(t -> LinalgOps.biasAdd(t[0], t[1]), 1e-5, randn(30, 2, 5, 7, 19), randn(31, 19));
        compareWithGrad(t -> LossOps.softmax(t[0]), 1e-5, randn(32, 5, 1001));
        compareWithGrad(t -> LossOps.logSoftmax(t[0]), 1e-5, randn(33, 7, 10));
        Tensor logits = randn(34, 9, 1001);
        Tensor labels = Tensor.ofInts(new int[] {0, 1000, 5, 17, 999, 3, 3, 512, 1}, 9);
        Tensor longLabels = Tensor.ofLongs(new long[] {0, 1000, 5, 17, 999, 3, 3, 512, 1}, 9);
        for (double ls : new double[] {0, 0.1}) {
            compareWithGrad(t -> LossOps.softmaxCrossEntropy(t[0], t[1], ls), 1e-5, logits, labels);
            compare(t -> LossOps.SOFTMAX_CROSS_ENTROPY.apply(new LossOps.SoftmaxCrossEntropyAttrs(ls), t), 1e-5, logits, longLabels);
        }
        compareWithGrad(t -> LossOps.l2Loss(t[0]), 1e-5, randn(35, 3, 3, 37, 65));
    }

    @Test
    void badLabelNamesTheRow() {
        Tensor logits = randn(40, 4, 3).toDevice(CudaTestSupport.GPU);
        Tensor labels = Tensor.ofInts(new int[] {0, 2, 3, 1}, 4).toDevice(CudaTestSupport.GPU);
        try (Autograd.Scope ignored = Backends.use(cuda)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossOps.softmaxCrossEntropy(logits, labels, 0));
            assertTrue(e.getMessage().contains("row 2"), e.getMessage());
        }
    }

    @Test
    void matmulEveryTransposeCombination() {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                Tensor a = ta ? randn(50, 37, 13) : randn(50, 13, 37);
                Tensor b = tb ? randn(51, 29, 37) : randn(51, 37, 29);
                compareWithGrad(t -> LinalgOps.matmul(t[0], t[1], ta, tb), 1e-5, a, b);
            }
        }
    }

    @Test
    void reshapeIsAViewOnTheDevice() {
        compareWithGrad(t -> ShapeOps.reshape(t[0].relu(), 7, 15), 1e-6, randn(60, 3, 5, 7));
    }

    @Test
    void memoryStaysFlatAcrossSteps() {
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
