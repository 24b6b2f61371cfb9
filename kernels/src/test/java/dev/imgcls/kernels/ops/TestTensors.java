package dev.imgcls.kernels.ops;

import dev.imgcls.kernels.testing.OpCheck;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.spi.Backend;

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

    static Tensor on(Backend backend, Function<Tensor[], Tensor> f, Tensor... inputs) {
        try (Autograd.Scope b = Backends.use(backend); Autograd.Scope ng = Autograd.noGrad()) {
            return f.apply(inputs);
        }
    }

    /** Runs f on the reference and the CPU backend; the outputs must be bit for bit the same. */
    static Tensor sameOnBothBackends(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor expected = on(OpCheck.REFERENCE, f, inputs);
        assertExactlyEqual(expected, on(OpCheck.CPU, f, inputs));
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
