package dev.imgcls.kernels.ops;

import dev.imgcls.kernels.testing.BackendUnderTest;
import dev.imgcls.kernels.testing.OpCheck;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Random tensors of every dtype and exact comparisons, for ops that move data rather than compute. */
final class TestTensors {
    static final DType[] ALL = DType.values();

    private TestTensors() {
    }

    /**
     * Random values of any dtype, never all zero: normal floats; integers spread over the type's
     * range (INT64 beyond 2^53, so a path through double would show), UINT8 over 0..255.
     */
    static Tensor random(long seed, DType dtype, int... shape) {
        Generator g = new Generator(seed);
        int n = Shape.of(shape).numel();
        return switch (dtype) {
            case FLOAT32 -> OpCheck.randn(seed, shape);
            case FLOAT64 -> OpCheck.f64(OpCheck.randn(seed, shape));
            case INT32 -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = g.nextInt();
                }
                yield Tensor.ofInts(v, shape);
            }
            case INT64 -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = ((long) g.nextInt() << 32) ^ (g.nextInt() & 0xffffffffL);
                }
                yield Tensor.ofLongs(v, shape);
            }
            case UINT8 -> {
                byte[] v = new byte[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (byte) g.nextInt();
                }
                yield Tensor.ofBytes(v, shape);
            }
        };
    }

    /** f on {@code b}, inputs on its device, the result back on the host. */
    static Tensor on(BackendUnderTest b, Function<Tensor[], Tensor> f, Tensor... inputs) {
        return OpCheck.run(b, x -> new Tensor[] {f.apply(x)}, inputs)[0];
    }

    /** Runs f on the reference backend and on {@code b}; the outputs must be bit for bit the same. */
    static Tensor sameAsReference(BackendUnderTest b, Function<Tensor[], Tensor> f, Tensor... inputs) {
        b.assumeUsable();
        Tensor expected = on(OpCheck.ORACLE, f, inputs);
        assertExactlyEqual(expected, on(b, f, inputs));
        return expected;
    }

    static void assertExactlyEqual(Tensor expected, Tensor actual) {
        assertEquals(expected.shape(), actual.shape(), "shape");
        assertEquals(expected.dtype(), actual.dtype(), "dtype");
        if (expected.dtype().isFloating()) {
            assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), "values");
        } else {
            assertArrayEquals(expected.toLongArray(), actual.toLongArray(), "values");
        }
    }
}
