package dev.imgcls.kernels.ops;

import dev.imgcls.kernels.testing.BackendUnderTest;
import dev.imgcls.kernels.testing.EveryBackend;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ReduceOps;
import org.junit.jupiter.api.Test;

import static dev.imgcls.kernels.ops.ShapeOpsTest.assertMessage;
import static dev.imgcls.kernels.ops.TestTensors.sameAsReference;
import static dev.imgcls.kernels.testing.OpCheck.compareBackendsWithGrad;
import static dev.imgcls.kernels.testing.OpCheck.gradCheck;
import static dev.imgcls.kernels.testing.OpCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * max and its gradient, and sum/max over every layout of reduced axes the CPU kernels plan for:
 * trailing, leading (a bias gradient), a middle block (global pooling over H, W of NHWC), axes
 * that are not one block (transposed first), keepDims, and empty axes.
 */
class ReduceOpsTest {
    @EveryBackend
    void maxValuesAndTheGradientSplitsAmongTies(BackendUnderTest backend) {
        Tensor x = Tensor.of(new float[] {1, 7, 7, 3, /* row 2 */ -2, -5, -1, -9}, 2, 4);
        assertArrayEquals(new float[] {7, -1}, ReduceOps.max(x, false, 1).toFloatArray());
        assertArrayEquals(new float[] {1, 7, 7, 3}, ReduceOps.max(x, false, 0).toFloatArray());
        assertArrayEquals(new int[] {1, 1}, ReduceOps.max(x, true).dims());
        Tensor xg = Tensor.of(new double[] {1, 7, 7, 3, -2, -5, -1, -9}, 2, 4).requiresGrad(true);
        ReduceOps.max(xg, false, 1).mul(Tensor.of(new double[] {10, 20}, 2)).sum().backward();
        assertArrayEquals(new double[] {0, 5, 5, 0, 0, 0, 20, 0}, xg.grad().toDoubleArray(), "ties share the gradient, as TF");
        Tensor t = Tensor.of(new float[] {2, 2, 2}, 3);
        Tensor g = sameAsReference(backend, in -> ReduceOps.MAX_GRAD.apply1(new ReduceOps.ReduceAttrs(new int[0], false), in[0], in[1], in[2]),
                t, Tensor.of(new float[] {2}), Tensor.of(new float[] {3}));
        assertArrayEquals(new float[] {1, 1, 1}, g.toFloatArray());
    }

    @Test
    void maxDifferentiates() {
        Tensor x = randn(1, 3, 4, 5);
        gradCheck(t -> ReduceOps.max(t[0], false), x);
        gradCheck(t -> ReduceOps.max(t[0], false, 1), x);
        gradCheck(t -> ReduceOps.max(t[0], true, 0, 2), x);
        gradCheck(t -> ReduceOps.max(t[0], false, -1), x);
    }

    @EveryBackend
    void sumAndMaxMatchReferenceOnEveryAxisLayout(BackendUnderTest backend) {
        int[][] shapes = {{513, 67}, {2, 9, 9, 17}, {3, 4, 5, 6}, {1, 1031}, {7, 1, 3, 1}, {4, 1300}, {20011, 3}};
        int[][][] axesPerShape = {
                {{0}, {1}, {}},
                {{1, 2}, {0, 1, 2}, {0}, {3}, {1, 3}, {0, 2}},
                {{0, 2}, {1, 3}, {0, 3}, {0, 1, 3}, {2}},
                {{0}, {1}},
                {{1, 3}, {0, 2}, {1}},
                {{0}},
                {{0}, {1}},
        };
        long seed = 10;
        for (int s = 0; s < shapes.length; s++) {
            Tensor x = randn(seed++, shapes[s]);
            for (int[] axes : axesPerShape[s]) {
                for (boolean keep : new boolean[] {false, true}) {
                    compareBackendsWithGrad(backend, t -> ReduceOps.sum(t[0], keep, axes), 1e-5, x);
                    compareBackendsWithGrad(backend, t -> ReduceOps.max(t[0], keep, axes), 1e-6, x);
                }
            }
        }
    }

    @EveryBackend
    void maxGradientMatchesReferenceWithTies(BackendUnderTest backend) {
        // Values from a small set: many ties per reduced slice.
        float[] v = new float[3 * 8 * 5];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 7 % 5) - 2;
        }
        Tensor x = Tensor.of(v, 3, 8, 5);
        for (int[] axes : new int[][] {{1}, {0, 2}, {0}, {}}) {
            compareBackendsWithGrad(backend, t -> ReduceOps.max(t[0], false, axes), 0, x);
        }
    }

    @EveryBackend
    void emptyAxesReduceToTheIdentity(BackendUnderTest backend) {
        Tensor empty = Tensor.zeros(3, 0);
        assertArrayEquals(new float[] {0, 0, 0}, sameAsReference(backend, t -> ReduceOps.sum(t[0], false, 1), empty).toFloatArray());
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY},
                sameAsReference(backend, t -> ReduceOps.max(t[0], false, 1), empty).toFloatArray());
        assertArrayEquals(new int[] {0}, sameAsReference(backend, t -> ReduceOps.max(t[0], false, 0), empty).dims());
    }

    @Test
    void maxGradRejectsWrongShapes() {
        ReduceOps.ReduceAttrs axis1 = new ReduceOps.ReduceAttrs(new int[] {1}, false);
        assertMessage(() -> ReduceOps.MAX_GRAD.apply1(axis1, randn(1, 2, 3), randn(2, 3), randn(3, 2)), "reduced shape [2]");
        assertMessage(() -> ReduceOps.max(randn(1, 2, 3), false, 2), "out of range");
        assertMessage(() -> ReduceOps.max(randn(1, 2, 3), false, 1, 1), "listed twice");
        assertMessage(() -> ReduceOps.max(Tensor.ofInts(new int[] {1}, 1), false), "FLOAT32 or FLOAT64");
    }

    @EveryBackend
    void reductionsOverManyAxesAndLongRows(BackendUnderTest backend) {
        Tensor x = randn(20, 3, 9, 7, 33);
        for (int[] axes : new int[][] {{}, {0}, {3}, {1, 2}, {0, 1, 2}, {0, 3}, {2}}) {
            compareBackendsWithGrad(backend, t -> ReduceOps.sum(t[0], false, axes), 1e-5, x);
            compareBackendsWithGrad(backend, t -> ReduceOps.sum(t[0], true, axes), 1e-5, x);
            sameAsReference(backend, t -> ReduceOps.max(t[0], false, axes), x);
        }
        // Long reductions to few outputs (a GPU's block-per-output kernel).
        compareBackendsWithGrad(backend, t -> ReduceOps.sum(t[0], false), 1e-5, randn(21, 100003));
        compareBackendsWithGrad(backend, t -> ReduceOps.sum(t[0], false, 0), 1e-5, randn(22, 5000, 3));
        sameAsReference(backend, t -> ReduceOps.max(t[0], true, 1), randn(23, 3, 9000));
    }
}
