package dev.imgcls.kernels.ops;

import dev.imgcls.kernels.testing.BackendUnderTest;
import dev.imgcls.kernels.testing.EveryBackend;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ShapeOps;
import org.junit.jupiter.api.Test;

import static dev.imgcls.kernels.ops.ShapeOpsTest.assertMessage;
import static dev.imgcls.kernels.ops.TestTensors.random;
import static dev.imgcls.kernels.ops.TestTensors.sameAsReference;
import static dev.imgcls.kernels.testing.OpCheck.compareBackendsWithGrad;
import static dev.imgcls.kernels.testing.OpCheck.gradCheck;
import static dev.imgcls.kernels.testing.OpCheck.randn;
import static dev.imgcls.kernels.testing.OpCheck.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** argmax, top_k and one_hot with TF's tie and out-of-range rules, on every backend. */
class SelectionOpsTest {
    private static final float NAN = Float.NaN;

    // ---- argmax ---------------------------------------------------------------------------------

    @EveryBackend
    void argmaxTakesTheFirstMaximum(BackendUnderTest backend) {
        Tensor x = Tensor.of(new float[] {1, 3, 3, 2, /* row 2 */ -1, -1, -1, -1, /* row 3 */ -0f, 0f, -5, 0f}, 3, 4);
        Tensor y = sameAsReference(backend, t -> ShapeOps.argmax(t[0], -1), x);
        assertEquals(DType.INT64, y.dtype());
        assertArrayEquals(new long[] {1, 0, 0}, y.toLongArray());
        assertArrayEquals(new long[] {0, 0, 0, 0}, sameAsReference(backend, t -> ShapeOps.argmax(t[0], 0), x).toLongArray());
        Tensor u8 = Tensor.ofBytes(new byte[] {5, (byte) 200, 100, (byte) 200}, 4);
        assertArrayEquals(new long[] {1}, sameAsReference(backend, t -> ShapeOps.argmax(t[0], 0), u8).toLongArray(), "UINT8 is unsigned");
        Tensor i64 = Tensor.ofLongs(new long[] {Long.MAX_VALUE - 1, Long.MAX_VALUE, Long.MAX_VALUE}, 3);
        assertArrayEquals(new long[] {1}, sameAsReference(backend, t -> ShapeOps.argmax(t[0], 0), i64).toLongArray(), "INT64 compared exactly");
        Tensor nan = Tensor.of(new float[] {1, NAN, Float.POSITIVE_INFINITY}, 3);
        assertArrayEquals(new long[] {1}, sameAsReference(backend, t -> ShapeOps.argmax(t[0], 0), nan).toLongArray(), "NaN ranks above +inf");
    }

    @EveryBackend
    void argmaxMatchesReference(BackendUnderTest backend) {
        long seed = 1;
        for (DType dtype : TestTensors.ALL) {
            Tensor x = random(seed++, dtype, 3, 7, 1, 19);
            for (int axis = -4; axis < 4; axis++) {
                int ax = axis;
                sameAsReference(backend, t -> ShapeOps.argmax(t[0], ax), x);
            }
            // Few distinct values, so ties are everywhere.
            sameAsReference(backend, t -> ShapeOps.argmax(t[0], 1), ShapeOps.cast(random(seed++, DType.UINT8, 5, 33, 9), dtype));
        }
        sameAsReference(backend, t -> ShapeOps.argmax(t[0], 1), randn(9, 64, 1001));
    }

    @Test
    void argmaxRejectsScalarsAndEmptyAxes() {
        assertMessage(() -> ShapeOps.argmax(Tensor.scalar(1f), 0), "scalar");
        assertMessage(() -> ShapeOps.argmax(Tensor.zeros(3, 0), 1), "empty");
        assertMessage(() -> ShapeOps.argmax(randn(1, 2, 3), 2), "out of range");
    }

    // ---- top_k ----------------------------------------------------------------------------------

    @EveryBackend
    void topKIsSortedDescendingWithTiesByIndex(BackendUnderTest backend) {
        Tensor x = Tensor.of(new float[] {1, 5, 3, 5, 2, 3, /* row 2 */ 0, 0, 0, 0, -1, 0}, 2, 6);
        Tensor[] r = topKAsReference(backend, x, 4);
        assertArrayEquals(new float[] {5, 5, 3, 3, 0, 0, 0, 0}, r[0].toFloatArray());
        assertArrayEquals(new int[] {1, 3, 2, 5, 0, 1, 2, 3}, r[1].toIntArray());
        assertEquals(DType.INT32, r[1].dtype());
        Tensor[] all = topKAsReference(backend, x, 6);
        assertArrayEquals(new int[] {1, 3, 2, 5, 4, 0, 0, 1, 2, 3, 5, 4}, all[1].toIntArray());
        Tensor[] none = topKAsReference(backend, x, 0);
        assertArrayEquals(new int[] {2, 0}, none[0].dims());
        Tensor ints = Tensor.ofInts(new int[] {-7, 9, 9, Integer.MIN_VALUE, Integer.MAX_VALUE}, 5);
        Tensor[] ri = topKAsReference(backend, ints, 3);
        assertArrayEquals(new int[] {Integer.MAX_VALUE, 9, 9}, ri[0].toIntArray());
        assertArrayEquals(new int[] {4, 1, 2}, ri[1].toIntArray());
    }

    @EveryBackend
    void topKMatchesReference(BackendUnderTest backend) {
        long seed = 20;
        for (DType dtype : TestTensors.ALL) {
            Tensor x = random(seed++, dtype, 2, 3, 37);
            for (int k : new int[] {1, 5, 36, 37}) {
                topKAsReference(backend, x, k);
            }
            topKAsReference(backend, ShapeOps.cast(random(seed++, DType.UINT8, 7, 300), dtype), 40);
        }
        topKAsReference(backend, randn(30, 1, 1000), 5);
        topKAsReference(backend, randn(31, 257), 100);
    }

    @Test
    void topKValuesDifferentiate() {
        gradCheck(t -> ShapeOps.topK(t[0], 3)[0], randn(40, 2, 3, 7));
        gradCheck(t -> ShapeOps.topK(t[0], 7)[0].mul(t[0]), randn(41, 2, 7));
    }

    @EveryBackend
    void topKGradientMatchesReference(BackendUnderTest backend) {
        compareBackendsWithGrad(backend, t -> ShapeOps.topK(t[0], 5)[0], 0, randn(42, 3, 5, 19));
    }

    @Test
    void topKRejectsBadK() {
        assertMessage(() -> ShapeOps.topK(randn(1, 2, 3), 4), "has only 3");
        assertMessage(() -> ShapeOps.topK(randn(1, 2, 3), -1), "k must be >= 0");
        assertMessage(() -> ShapeOps.topK(Tensor.scalar(1f), 1), "scalar");
    }

    private static Tensor[] topKAsReference(BackendUnderTest backend, Tensor x, int k) {
        Tensor values = sameAsReference(backend, t -> ShapeOps.topK(t[0], k)[0], x);
        Tensor indices = sameAsReference(backend, t -> ShapeOps.topK(t[0], k)[1], x);
        return new Tensor[] {values, indices};
    }

    // ---- one_hot --------------------------------------------------------------------------------

    @EveryBackend
    void oneHotRowsAndOutOfRangeIndices(BackendUnderTest backend) {
        Tensor idx = Tensor.ofInts(new int[] {2, 0, -1, 3, 1}, 5);
        Tensor y = sameAsReference(backend, t -> ShapeOps.oneHot(t[0], 3), idx);
        assertEquals(DType.FLOAT32, y.dtype());
        assertArrayEquals(new int[] {5, 3}, y.dims());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0}, y.toFloatArray());
        Tensor smooth = sameAsReference(backend, t -> ShapeOps.oneHot(t[0], 3, 0.9, 0.05, DType.FLOAT32), idx);
        assertArrayEquals(new float[] {0.05f, 0.05f, 0.9f, 0.9f, 0.05f, 0.05f}, java.util.Arrays.copyOf(smooth.toFloatArray(), 6));
        assertArrayEquals(new float[] {0.05f, 0.05f, 0.05f, 0.05f, 0.05f, 0.05f}, java.util.Arrays.copyOfRange(smooth.toFloatArray(), 6, 12));
        Tensor longs = Tensor.ofLongs(new long[] {1L << 40, 1, 0, 1}, 2, 2);
        Tensor y2 = sameAsReference(backend, t -> ShapeOps.oneHot(t[0], 2, 1, 0, DType.INT32), longs);
        assertArrayEquals(new int[] {2, 2, 2}, y2.dims());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 0, 0, 1}, y2.toIntArray(), "2^40 is out of range, not 0 after a narrowing");
    }

    @EveryBackend
    void oneHotMatchesReference(BackendUnderTest backend) {
        long seed = 50;
        for (DType out : TestTensors.ALL) {
            Tensor idx = ShapeOps.cast(random(seed++, DType.UINT8, 3, 7, 11), DType.INT32);
            sameAsReference(backend, t -> ShapeOps.oneHot(t[0], 200, 3, -2, out), idx);
            sameAsReference(backend, t -> ShapeOps.oneHot(t[0], 1, 1, 0, out), ShapeOps.cast(idx, DType.INT64));
        }
    }

    @Test
    void oneHotRejectsFloatIndicesAndNegativeDepth() {
        assertMessage(() -> ShapeOps.oneHot(randn(1, 3), 4), "INT32 or INT64");
        assertMessage(() -> ShapeOps.oneHot(Tensor.ofInts(new int[] {1}, 1), -1), "depth must be >= 0");
    }

    @EveryBackend
    void topKOverLongRowsEveryDtype(BackendUnderTest backend) {
        long seed = 1000;
        for (DType dtype : TestTensors.ALL) {
            Tensor x = random(seed++, dtype, 3, 4, 300);
            for (int k : new int[] {0, 1, 5, 300}) {
                topKAsReference(backend, x, k);
            }
        }
        compareBackendsWithGrad(backend, t -> ShapeOps.topK(t[0], 4)[0], 0, randn(1010, 5, 33));
    }

    @EveryBackend
    void topKGradientRejectsABadIndex(BackendUnderTest backend) {
        backend.assumeUsable();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(backend,
                t -> ShapeOps.TOP_K_GRAD.apply(new ShapeOps.TopKGradAttrs(5), t), randn(1020, 2, 2), Tensor.ofInts(new int[] {0, 1, 2, 9}, 2, 2)));
        assertTrue(e.getMessage().contains("index 9"), e.getMessage());
    }

    @EveryBackend
    void oneHotEveryIndexAndOutputDtype(BackendUnderTest backend) {
        Tensor ints = Tensor.ofInts(new int[] {0, 3, -1, 4, 2, 9}, 2, 3);
        Tensor longs = Tensor.ofLongs(new long[] {0, 3, -1, 4, 2, 1L << 33}, 2, 3);
        for (Tensor idx : new Tensor[] {ints, longs}) {
            for (DType t : TestTensors.ALL) {
                sameAsReference(backend, v -> ShapeOps.oneHot(v[0], 5, 2.5, -1, t), idx);
            }
        }
    }
}
