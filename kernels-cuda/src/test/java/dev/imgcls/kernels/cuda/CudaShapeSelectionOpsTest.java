package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaTestSupport.compare;
import static dev.imgcls.kernels.cuda.CudaTestSupport.compareWithGrad;
import static dev.imgcls.kernels.testing.OpCheck.randn;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ReduceOps;
import dev.imgcls.tensor.ops.ShapeOps;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * transpose, pad, slice, concat, argmax, top_k (+ gradient), one_hot, cast and max's gradient on
 * the GPU against the reference, over every dtype the ops take. SKIPPED with the reason when no
 * usable GPU is present.
 */
class CudaShapeSelectionOpsTest {
    private static final DType[] ALL = DType.values();

    @BeforeEach
    void requireGpu() {
        CudaTestSupport.requireGpu();
    }

    /** randn values scaled and cast to {@code dtype} (UINT8 wraps, so it gets 0..255 too). */
    private static Tensor values(long seed, DType dtype, int... shape) {
        Tensor x = randn(seed, shape).mul(dtype.isFloating() ? 1 : 40);
        return ShapeOps.cast(x, dtype);
    }

    @Test
    void transposePadSliceConcatEveryDtype() {
        long seed = 800;
        for (DType t : ALL) {
            Tensor x = values(seed++, t, 3, 5, 7, 2);
            compare(v -> new Tensor[] {ShapeOps.transpose(v[0], 2, 0, 3, 1)}, 0, x);
            compare(v -> new Tensor[] {ShapeOps.transpose(v[0], 3, 2, 1, 0)}, 0, x);
            compare(v -> new Tensor[] {ShapeOps.pad(v[0], new int[] {0, 1, 2, 0}, new int[] {1, 0, 3, 1}, 7)}, 0, x);
            compare(v -> new Tensor[] {ShapeOps.slice(v[0], new int[] {1, 0, 2, 1}, new int[] {2, -1, 4, 1})}, 0, x);
            Tensor y = values(seed++, t, 3, 5, 4, 2);
            compare(v -> new Tensor[] {ShapeOps.concat(2, v[0], v[1], v[0])}, 0, x, y);
        }
        compareWithGrad(v -> ShapeOps.transpose(v[0], 1, 2, 0), 0, randn(810, 4, 6, 9));
        compareWithGrad(v -> ShapeOps.pad(v[0], new int[] {1, 2}, new int[] {3, 0}, -1.5), 0, randn(811, 4, 6));
        compareWithGrad(v -> ShapeOps.concat(-1, v[0], v[1]), 0, randn(812, 3, 2), randn(813, 3, 5));
    }

    @Test
    void argmaxEveryDtypeWithTiesNanAndSignedZero() {
        long seed = 900;
        for (DType t : ALL) {
            Tensor x = values(seed++, t, 4, 6, 5);
            for (int axis = 0; axis < 3; axis++) {
                int ax = axis;
                compare(v -> new Tensor[] {ShapeOps.argmax(v[0], ax)}, 0, x);
            }
        }
        float nan = Float.NaN;
        Tensor special = Tensor.of(new float[] {-0f, 0f, 1f, 1f, nan, 2f, Float.POSITIVE_INFINITY, nan, -1f, -0f, 0f, -3f}, 4, 3);
        compare(v -> new Tensor[] {ShapeOps.argmax(v[0], 0), ShapeOps.argmax(v[0], 1)}, 0, special);
    }

    @Test
    void topKEveryDtypeAndItsGradient() {
        long seed = 1000;
        for (DType t : ALL) {
            Tensor x = values(seed++, t, 3, 4, 300);
            for (int k : new int[] {0, 1, 5, 300}) {
                compare(v -> ShapeOps.topK(v[0], k), 0, x);
            }
        }
        float[] ties = new float[2 * 9];
        for (int i = 0; i < ties.length; i++) {
            ties[i] = i % 3 == 0 ? 2f : (i % 3 == 1 ? -0f : 0f);
        }
        compare(v -> ShapeOps.topK(v[0], 7), 0, Tensor.of(ties, 2, 9));
        compareWithGrad(v -> ShapeOps.topK(v[0], 4)[0], 0, randn(1010, 5, 33));
    }

    @Test
    void topKGradientRejectsABadIndex() {
        Tensor g = randn(1020, 2, 2).toDevice(CudaTestSupport.GPU);
        Tensor idx = Tensor.ofInts(new int[] {0, 1, 2, 9}, 2, 2).toDevice(CudaTestSupport.GPU);
        try (Autograd.Scope ignored = Backends.use(CudaTestSupport.CUDA)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ShapeOps.TOP_K_GRAD.apply1(new ShapeOps.TopKGradAttrs(5), g, idx));
            assertTrue(e.getMessage().contains("index 9"), e.getMessage());
        }
    }

    @Test
    void oneHotEveryIndexAndOutputDtype() {
        Tensor ints = Tensor.ofInts(new int[] {0, 3, -1, 4, 2, 9}, 2, 3);
        Tensor longs = Tensor.ofLongs(new long[] {0, 3, -1, 4, 2, 1L << 33}, 2, 3);
        for (Tensor idx : new Tensor[] {ints, longs}) {
            for (DType t : ALL) {
                compare(v -> new Tensor[] {ShapeOps.oneHot(v[0], 5, 2.5, -1, t)}, 0, idx);
            }
        }
    }

    @Test
    void castBetweenEveryPair() {
        float[] special = {0f, -0f, 1.5f, -1.5f, 300.7f, -300.7f, 2.5e9f, -2.5e9f, 1e20f, -1e20f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN, 255.9f, 16777217f};
        Tensor floats = Tensor.of(special, special.length);
        Tensor longs = Tensor.ofLongs(new long[] {0, -1, 255, 256, (1L << 31) + 7, -(1L << 40) - 3, Long.MAX_VALUE, Long.MIN_VALUE,
            (1L << 53) + 1}, 9);
        for (DType from : ALL) {
            for (DType to : ALL) {
                Tensor fromFloats = ShapeOps.cast(floats, from);
                Tensor fromLongs = ShapeOps.cast(longs, from);
                for (Tensor x : new Tensor[] {fromFloats, fromLongs}) {
                    // assertClose cannot compare NaN or ±∞ outputs: floating → floating leaves those inputs out.
                    Tensor input = from.isFloating() && to.isFloating() && x == fromFloats ? ShapeOps.slice(x, new int[] {0}, new int[] {10}) : x;
                    compare(v -> new Tensor[] {ShapeOps.cast(v[0], to)}, 0, input);
                }
            }
        }
        compare(v -> new Tensor[] {ShapeOps.cast(v[0], DType.FLOAT32)}, 0, values(1100, DType.FLOAT64, 1000));
    }

    @Test
    void maxGradientSplitsBetweenTies() {
        float[] v = randn(1200, 4, 6, 5).toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.round(v[i]);
        }
        Tensor x = Tensor.of(v, 4, 6, 5);
        for (int[] axes : new int[][] {{}, {0}, {1, 2}, {2}, {0, 2}}) {
            compareWithGrad(t -> ReduceOps.max(t[0], false, axes), 1e-6, x);
            compareWithGrad(t -> ReduceOps.max(t[0], true, axes), 1e-6, x);
        }
    }
}
