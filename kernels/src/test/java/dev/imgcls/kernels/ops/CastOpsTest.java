package dev.imgcls.kernels.ops;

import dev.imgcls.kernels.testing.BackendUnderTest;
import dev.imgcls.kernels.testing.EveryBackend;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ShapeOps;
import org.junit.jupiter.api.Test;

import static dev.imgcls.kernels.ops.TestTensors.sameAsReference;
import static dev.imgcls.kernels.testing.OpCheck.compareBackendsWithGrad;
import static dev.imgcls.kernels.testing.OpCheck.gradCheck;
import static dev.imgcls.kernels.testing.OpCheck.randn;
import static dev.imgcls.kernels.testing.OpCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** cast: TF's conversion rules (truncation, wrapping, unsigned bytes) on every backend; gradients between floats. */
class CastOpsTest {
    private static final float[] FLOATS = {2.9f, -2.9f, 0.5f, -0.5f, 255.5f, 256f, 300.7f, -1.5f, -129f, 1e6f};

    @EveryBackend
    void floatToIntegerTruncatesTowardZero(BackendUnderTest backend) {
        Tensor x = Tensor.of(FLOATS, FLOATS.length);
        assertArrayEquals(new int[] {2, -2, 0, 0, 255, 256, 300, -1, -129, 1000000}, cast(backend, x, DType.INT32).toIntArray());
        assertArrayEquals(new long[] {2, -2, 0, 0, 255, 256, 300, -1, -129, 1000000}, cast(backend, x, DType.INT64).toLongArray());
    }

    @EveryBackend
    void toUint8WrapsModulo256(BackendUnderTest backend) {
        // 256 → 0, 300 → 44, −1 → 255, −129 → 127, 1e6 → 1000000 mod 256 = 64: static_cast of the truncated value.
        Tensor x = Tensor.of(FLOATS, FLOATS.length);
        assertArrayEquals(new int[] {2, 254, 0, 0, 255, 0, 44, 255, 127, 64}, cast(backend, x, DType.UINT8).toIntArray());
        Tensor ints = Tensor.ofInts(new int[] {-1, 256, 511, 128}, 4);
        assertArrayEquals(new int[] {255, 0, 255, 128}, cast(backend, ints, DType.UINT8).toIntArray());
    }

    @EveryBackend
    void integersNarrowByKeepingLowBitsAndUint8ReadsUnsigned(BackendUnderTest backend) {
        Tensor longs = Tensor.ofLongs(new long[] {(1L << 32) + 5, -1, Long.MAX_VALUE, 1L << 31}, 4);
        assertArrayEquals(new int[] {5, -1, -1, Integer.MIN_VALUE}, cast(backend, longs, DType.INT32).toIntArray());
        Tensor bytes = Tensor.ofBytes(new byte[] {(byte) 255, (byte) 128, 7}, 3);
        assertArrayEquals(new float[] {255, 128, 7}, cast(backend, bytes, DType.FLOAT32).toFloatArray());
        assertArrayEquals(new long[] {255, 128, 7}, cast(backend, bytes, DType.INT64).toLongArray());
        Tensor big = Tensor.ofLongs(new long[] {Long.MAX_VALUE - 3}, 1);
        assertArrayEquals(new long[] {Long.MAX_VALUE - 3}, cast(backend, big, DType.INT64).toLongArray(), "INT64 → INT64 stays exact");
        assertEquals((float) (Long.MAX_VALUE - 3), cast(backend, big, DType.FLOAT32).toFloatArray()[0]);
    }

    @EveryBackend
    void everyPairAgreesOnBothBackends(BackendUnderTest backend) {
        // Values that exercise rounding, sign and wrapping for every target type.
        Tensor seedValues = uniform(1, -400, 400, 3, 5, 7);
        long n = 0;
        for (DType from : DType.values()) {
            // Integer sources hold the truncated values, UINT8 ones wrapped.
            Tensor x = ShapeOps.cast(from.isFloating() ? seedValues : ShapeOps.cast(seedValues, DType.INT32), from);
            for (DType to : DType.values()) {
                Tensor y = sameAsReference(backend, t -> ShapeOps.cast(t[0], to), x);
                assertEquals(to, y.dtype());
                n++;
            }
        }
        assertEquals(25, n);
        // INT64 beyond 2^53 through every target.
        Tensor wide = TestTensors.random(2, DType.INT64, 4, 9);
        for (DType to : DType.values()) {
            sameAsReference(backend, t -> ShapeOps.cast(t[0], to), wide);
        }
    }

    @Test
    void gradientFlowsBetweenFloatTypesOnly() {
        gradCheck(t -> ShapeOps.cast(t[0], DType.FLOAT64).mul(t[0]), randn(3, 4, 5));
        Tensor x = Tensor.of(new double[] {1.5, -2}, 2).requiresGrad(true);
        ShapeOps.cast(x, DType.FLOAT32).mul(3).sum().backward();
        assertEquals(DType.FLOAT64, x.grad().dtype());
        assertArrayEquals(new double[] {3, 3}, x.grad().toDoubleArray());
        Tensor labels = ShapeOps.cast(Tensor.of(new float[] {1.7f}, 1).requiresGrad(true), DType.INT32);
        assertFalse(labels.requiresGrad(), "an integer cast carries no gradient");
        assertTrue(ShapeOps.CAST.isDifferentiable());

    }

    @EveryBackend
    void floatRoundTripGradientMatchesReference(BackendUnderTest backend) {
        compareBackendsWithGrad(backend, t -> ShapeOps.cast(ShapeOps.cast(t[0], DType.FLOAT64), DType.FLOAT32).mul(t[0]), 1e-6, randn(4, 3, 17));
    }

    private static Tensor cast(BackendUnderTest backend, Tensor x, DType to) {
        return sameAsReference(backend, t -> ShapeOps.cast(t[0], to), x);
    }

    /** Every pair on ±0, halves, values past each integer range, ±∞ and NaN (all exact). */
    @EveryBackend
    void everyPairOnSpecialValues(BackendUnderTest backend) {
        float[] special = {0f, -0f, 1.5f, -1.5f, 300.7f, -300.7f, 2.5e9f, -2.5e9f, 1e20f, -1e20f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN, 255.9f, 16777217f};
        Tensor floats = Tensor.of(special, special.length);
        Tensor longs = Tensor.ofLongs(new long[] {0, -1, 255, 256, (1L << 31) + 7, -(1L << 40) - 3, Long.MAX_VALUE, Long.MIN_VALUE,
            (1L << 53) + 1}, 9);
        for (DType from : DType.values()) {
            for (DType to : DType.values()) {
                sameAsReference(backend, t -> ShapeOps.cast(t[0], to), ShapeOps.cast(floats, from));
                sameAsReference(backend, t -> ShapeOps.cast(t[0], to), ShapeOps.cast(longs, from));
            }
        }
    }
}
