package dev.imgcls.kernels.ops;

import dev.imgcls.kernels.testing.BackendUnderTest;
import dev.imgcls.kernels.testing.EveryBackend;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.ops.ReduceOps;
import org.junit.jupiter.api.Test;

import static dev.imgcls.kernels.testing.OpCheck.compareBackendsWithGrad;
import static dev.imgcls.kernels.testing.OpCheck.gradCheck;
import static dev.imgcls.kernels.testing.OpCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReduceLinalgOpsTest {
    @Test
    void sumAndMeanValues() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new float[] {5, 7, 9}, x.sum(0).toFloatArray());
        assertArrayEquals(new float[] {6, 15}, x.sum(-1).toFloatArray());
        assertEquals(21, x.sum().item(), 0);
        assertArrayEquals(new int[] {2, 1}, ReduceOps.sum(x, true, 1).dims());
        assertArrayEquals(new float[] {2, 5}, x.mean(1).toFloatArray(), 1e-6f);
    }

    @Test
    void reductionsDifferentiate() {
        Tensor x = randn(1, 3, 4, 5);
        gradCheck(t -> t[0].sum(), x);
        gradCheck(t -> t[0].sum(0, 2), x);
        gradCheck(t -> ReduceOps.sum(t[0], true, 1), x);
        gradCheck(t -> t[0].mean(-1), x);
        gradCheck(t -> ReduceOps.broadcastTo(t[0], dev.imgcls.tensor.Shape.of(2, 3, 4, 5)), randn(2, 3, 1, 5));
    }

    @Test
    void matmulAllTransposesDifferentiate() {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                Tensor a = ta ? randn(3, 5, 4) : randn(3, 4, 5);
                Tensor b = tb ? randn(4, 6, 5) : randn(4, 5, 6);
                gradCheck(t -> LinalgOps.matmul(t[0], t[1], ta, tb), a, b);
            }
        }
    }

    @EveryBackend
    void matmulAllTransposesMatchReference(BackendUnderTest backend) {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                compareBackendsWithGrad(backend, t -> LinalgOps.matmul(t[0], t[1], ta, tb), 1e-5, ta ? randn(3, 5, 4) : randn(3, 4, 5),
                        tb ? randn(4, 6, 5) : randn(4, 5, 6));
                // Sizes off the GEMM's tiles (the cuBLAS case too).
                compareBackendsWithGrad(backend, t -> LinalgOps.matmul(t[0], t[1], ta, tb), 1e-5, ta ? randn(50, 37, 13) : randn(50, 13, 37),
                        tb ? randn(51, 29, 37) : randn(51, 37, 29));
            }
        }
    }

    @EveryBackend
    void matchesReferenceOnAwkwardShapes(BackendUnderTest backend) {
        compareBackendsWithGrad(backend, t -> t[0].sum(1), 1e-5, randn(5, 7, 13, 3));
        compareBackendsWithGrad(backend, t -> t[0].sum(0, 1, 2), 1e-5, randn(6, 2, 9, 9, 17));
        compareBackendsWithGrad(backend, t -> t[0].mean(), 1e-5, randn(7, 1, 31));
        compareBackendsWithGrad(backend, t -> LinalgOps.matmul(t[0], t[1], false, false), 1e-5, randn(8, 37, 129), randn(9, 129, 53));
        compareBackendsWithGrad(backend, t -> LinalgOps.matmul(t[0], t[1], true, true), 1e-5, randn(10, 67, 1), randn(11, 17, 67));
    }
}
