package dev.imgcls.kernels.ops;

import dev.imgcls.kernels.testing.BackendUnderTest;
import dev.imgcls.kernels.testing.EveryBackend;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ShapeOps;
import org.junit.jupiter.api.Test;

import static dev.imgcls.kernels.ops.TestTensors.random;
import static dev.imgcls.kernels.ops.TestTensors.sameAsReference;
import static dev.imgcls.kernels.testing.OpCheck.compareBackendsWithGrad;
import static dev.imgcls.kernels.testing.OpCheck.gradCheck;
import static dev.imgcls.kernels.testing.OpCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** transpose, pad, slice and concat: values, gradients, every backend against the reference for every dtype, errors. */
class ShapeOpsTest {
    // ---- transpose ------------------------------------------------------------------------------

    @Test
    void transposeValues() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor y = ShapeOps.transpose(x, 1, 0);
        assertArrayEquals(new int[] {3, 2}, y.dims());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, y.toFloatArray());
        // NHWC [1, 2, 2, 2] → NCHW: channel 0 first.
        Tensor nhwc = Tensor.of(new float[] {0, 10, 1, 11, 2, 12, 3, 13}, 1, 2, 2, 2);
        assertArrayEquals(new float[] {0, 1, 2, 3, 10, 11, 12, 13}, ShapeOps.transpose(nhwc, 0, 3, 1, 2).toFloatArray());
    }

    @Test
    void transposeDifferentiates() {
        gradCheck(t -> ShapeOps.transpose(t[0], 2, 0, 1), randn(1, 2, 3, 4));
        gradCheck(t -> ShapeOps.transpose(t[0], 4, 2, 0, 3, 1), randn(2, 2, 1, 3, 2, 3));
    }

    @EveryBackend
    void transposeMatchesReferenceOnAwkwardShapes(BackendUnderTest backend) {
        int[][][] cases = {
                {{7}, {0}},
                {{1, 7, 9, 19}, {0, 3, 1, 2}},           // NHWC → NCHW, batch 1
                {{3, 19, 7, 9}, {0, 2, 3, 1}},           // NCHW → NHWC
                {{2, 57, 55, 35}, {0, 3, 1, 2}},         // large enough for several tiles and threads
                {{65, 33}, {1, 0}},
                {{37, 1, 41}, {2, 1, 0}},
                {{3, 5, 7, 11, 2}, {4, 1, 3, 0, 2}},
                {{5, 7, 2, 3}, {0, 1, 3, 2}},            // innermost pair swapped
                {{6, 4, 9}, {1, 0, 2}},                  // innermost axis stays: contiguous runs
                {{3, 3, 2, 17}, {3, 2, 1, 0}},           // HWIO → OIHW
        };
        long seed = 1;
        for (int[][] c : cases) {
            int[] perm = c[1];
            compareBackendsWithGrad(backend, t -> ShapeOps.transpose(t[0], perm), 0, randn(seed++, c[0]));
            for (DType dtype : TestTensors.ALL) {
                sameAsReference(backend, t -> ShapeOps.transpose(t[0], perm), random(seed++, dtype, c[0]));
            }
        }
    }

    @Test
    void transposeRejectsBadPermutations() {
        Tensor x = randn(1, 2, 3, 4);
        assertMessage(() -> ShapeOps.transpose(x, 0, 1), "has 2 entries");
        assertMessage(() -> ShapeOps.transpose(x, 0, 1, 1), "not a permutation");
        assertMessage(() -> ShapeOps.transpose(x, 0, 1, 3), "not a permutation");
    }

    // ---- pad and slice --------------------------------------------------------------------------

    @Test
    void padAndSliceValues() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor p = ShapeOps.pad(x, new int[] {1, 0}, new int[] {0, 2}, -1);
        assertArrayEquals(new int[] {3, 4}, p.dims());
        assertArrayEquals(new float[] {-1, -1, -1, -1, 1, 2, -1, -1, 3, 4, -1, -1}, p.toFloatArray());
        Tensor s = ShapeOps.slice(p, new int[] {1, 1}, new int[] {-1, 2});
        assertArrayEquals(new int[] {2, 2}, s.dims());
        assertArrayEquals(new float[] {2, -1, 4, -1}, s.toFloatArray());
        Tensor bytes = ShapeOps.pad(Tensor.ofBytes(new byte[] {(byte) 200}, 1), new int[] {1}, new int[] {1}, 255);
        assertArrayEquals(new int[] {255, 200, 255}, bytes.toIntArray());
    }

    @Test
    void padAndSliceDifferentiate() {
        Tensor x = randn(3, 2, 3, 4);
        gradCheck(t -> ShapeOps.pad(t[0], new int[] {1, 0, 2}, new int[] {0, 3, 1}, 0.5), x);
        gradCheck(t -> ShapeOps.slice(t[0], new int[] {1, 0, 1}, new int[] {1, -1, 2}), x);
        gradCheck(t -> ShapeOps.slice(t[0], new int[] {0, 2, 3}, new int[] {2, 1, 1}), x);
        gradCheck(t -> ShapeOps.slice(ShapeOps.pad(t[0], new int[] {2, 2, 2}, new int[] {1, 1, 1}, 3), new int[] {1, 1, 1}, new int[] {3, 4, 5}), x);
    }

    @EveryBackend
    void padAndSliceMatchesReference(BackendUnderTest backend) {
        int[] shape = {2, 7, 9, 19};
        Tensor x = randn(4, shape);
        int[] before = {0, 1, 2, 3};
        int[] after = {1, 0, 2, 5};
        int[] begin = {1, 2, 0, 5};
        int[] size = {1, -1, 9, 11};
        compareBackendsWithGrad(backend, t -> ShapeOps.pad(t[0], before, after, 0.25), 0, x);
        compareBackendsWithGrad(backend, t -> ShapeOps.slice(t[0], begin, size), 0, x);
        compareBackendsWithGrad(backend, t -> ShapeOps.slice(t[0], new int[] {0, 0, 0, 18}, new int[] {-1, -1, -1, 1}), 0, x);
        compareBackendsWithGrad(backend, t -> ShapeOps.pad(t[0], new int[] {0}, new int[] {33}, 0), 0, randn(5, 1));
        compareBackendsWithGrad(backend, t -> ShapeOps.slice(t[0], new int[] {3}, new int[] {0}), 0, randn(6, 17));
        long seed = 10;
        for (DType dtype : TestTensors.ALL) {
            Tensor v = random(seed++, dtype, shape);
            sameAsReference(backend, t -> ShapeOps.pad(t[0], before, after, 7), v);
            sameAsReference(backend, t -> ShapeOps.slice(t[0], begin, size), v);
            sameAsReference(backend, t -> ShapeOps.pad(t[0], new int[] {2, 1, 1, 0, 0}, new int[] {0, 0, 1, 3, 1}, 1), random(seed++, dtype, 1, 3, 1, 5, 2));
        }
    }

    @Test
    void padAndSliceRejectBadBoxes() {
        Tensor x = randn(7, 3, 4);
        assertMessage(() -> ShapeOps.pad(x, new int[] {1}, new int[] {1}, 0), "rank 2");
        assertMessage(() -> ShapeOps.pad(x, new int[] {1, -1}, new int[] {1, 1}, 0), "negative padding");
        assertMessage(() -> ShapeOps.slice(x, new int[] {4, 0}, new int[] {1, 1}), "begin 4 on axis 0");
        assertMessage(() -> ShapeOps.slice(x, new int[] {1, 2}, new int[] {1, 3}), "runs past the end");
        assertMessage(() -> ShapeOps.slice(x, new int[] {0}, new int[] {1}), "rank 2");
        assertMessage(() -> ShapeOps.slice(x, new int[] {0, 0}, new int[] {1, -2}), "must be >= 0, or -1");
    }

    // ---- concat ---------------------------------------------------------------------------------

    @Test
    void concatValues() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor b = Tensor.of(new float[] {5, 6}, 2, 1);
        assertArrayEquals(new float[] {1, 2, 5, 3, 4, 6}, ShapeOps.concat(1, a, b).toFloatArray());
        assertArrayEquals(new float[] {1, 2, 5, 3, 4, 6}, ShapeOps.concat(-1, a, b).toFloatArray());
        assertArrayEquals(new float[] {1, 2, 3, 4, 1, 2, 3, 4}, ShapeOps.concat(0, a, a).toFloatArray());
        Tensor longs = ShapeOps.concat(0, Tensor.ofLongs(new long[] {Long.MAX_VALUE}, 1), Tensor.ofLongs(new long[] {Long.MIN_VALUE + 1}, 1));
        assertArrayEquals(new long[] {Long.MAX_VALUE, Long.MIN_VALUE + 1}, longs.toLongArray());
    }

    @Test
    void concatDifferentiates() {
        gradCheck(t -> ShapeOps.concat(1, t[0], t[1], t[2]), randn(8, 2, 3, 2), randn(9, 2, 1, 2), randn(10, 2, 4, 2));
        gradCheck(t -> ShapeOps.concat(0, t[0]), randn(11, 3, 2));
        // The same tensor twice: both gradients add up.
        gradCheck(t -> ShapeOps.concat(-1, t[0], t[0]), randn(12, 2, 3));
    }

    @EveryBackend
    void concatMatchesReference(BackendUnderTest backend) {
        compareBackendsWithGrad(backend, t -> ShapeOps.concat(3, t[0], t[1], t[2]), 0, randn(13, 1, 5, 7, 3), randn(14, 1, 5, 7, 16), randn(15, 1, 5, 7, 1));
        compareBackendsWithGrad(backend, t -> ShapeOps.concat(0, t[0], t[1]), 0, randn(16, 3, 33), randn(17, 1, 33));
        compareBackendsWithGrad(backend, t -> ShapeOps.concat(1, t[0], t[1]), 0, randn(18, 2, 0, 5), randn(19, 2, 3, 5));
        long seed = 20;
        for (DType dtype : TestTensors.ALL) {
            sameAsReference(backend, t -> ShapeOps.concat(2, t[0], t[1]), random(seed++, dtype, 2, 3, 5), random(seed++, dtype, 2, 3, 11));
            sameAsReference(backend, t -> ShapeOps.concat(1, t[0], t[1]), random(seed++, dtype, 4, 3, 5), random(seed++, dtype, 4, 1, 5));
        }
    }

    @Test
    void concatRejectsMismatchedInputs() {
        assertMessage(() -> ShapeOps.concat(0, randn(1, 2, 3), randn(2, 2, 4)), "does not match input 0");
        assertMessage(() -> ShapeOps.concat(0, randn(1, 2, 3), randn(2, 6)), "does not match input 0");
        assertMessage(() -> ShapeOps.concat(2, randn(1, 2, 3)), "out of range");
        assertMessage(() -> ShapeOps.concat(0, randn(1, 2), Tensor.ofInts(new int[] {1, 2}, 2)), "INT32");
    }

    // ---- broadcast_to through the same copy, for integer dtypes -------------------------------

    @EveryBackend
    void broadcastToWorksForEveryDtype(BackendUnderTest backend) {
        long seed = 30;
        for (DType dtype : TestTensors.ALL) {
            sameAsReference(backend, t -> dev.imgcls.tensor.ops.ReduceOps.broadcastTo(t[0], dev.imgcls.tensor.Shape.of(3, 5, 7)), random(seed++, dtype, 5, 1));
            sameAsReference(backend, t -> dev.imgcls.tensor.ops.ReduceOps.broadcastTo(t[0], dev.imgcls.tensor.Shape.of(2, 5, 4)),
                    random(seed++, dtype, 2, 1, 4));
        }
        Tensor b = dev.imgcls.tensor.ops.ReduceOps.broadcastTo(Tensor.ofLongs(new long[] {Long.MAX_VALUE - 1, 3}, 2, 1), dev.imgcls.tensor.Shape.of(2, 2));
        assertArrayEquals(new long[] {Long.MAX_VALUE - 1, Long.MAX_VALUE - 1, 3, 3}, b.toLongArray());
    }

    /** The op throws IllegalArgumentException whose message names the op and contains {@code part}. */
    static void assertMessage(Runnable op, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, op::run);
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '" + part + "'");
    }

    @EveryBackend
    void reshapeIsAViewOnEveryDevice(BackendUnderTest backend) {
        compareBackendsWithGrad(backend, t -> ShapeOps.reshape(t[0].relu(), 7, 15), 0, randn(60, 3, 5, 7));
    }
}
