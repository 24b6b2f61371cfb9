package dev.imgcls.export.checkpoint;

import dev.imgcls.export.checkpoint.TensorFlowCheckpoints.TfValue;
import dev.imgcls.export.proto.DataType;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Random test variables held both as our values and as TF sees them (raw bytes), for bitwise comparison. */
final class CheckpointSamples {

    record Sample(String name, CheckpointValue ours, TfValue theirs) {
        DataType dtype() {
            return theirs.dtype();
        }
    }

    private CheckpointSamples() {}

    /** Floats that catch sloppy conversions: signed zero, subnormals, infinities, a NaN with a payload. */
    private static final float[] AWKWARD_FLOATS = {-0.0f, Float.MIN_VALUE, -Float.MIN_NORMAL / 3, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7fc0_1234), Float.MAX_VALUE};

    static Sample floats(String name, SplittableRandom random, int... dims) {
        float[] a = new float[Shape.of(dims).numel()];
        for (int i = 0; i < a.length; i++) {
            a[i] = i < AWKWARD_FLOATS.length && a.length > 20 ? AWKWARD_FLOATS[i] : (float) random.nextGaussian();
        }
        ByteBuffer raw = le(a.length * 4);
        for (float f : a) {
            raw.putFloat(f);
        }
        return new Sample(name, CheckpointValue.of(Tensor.of(a, dims)), TfValue.numeric(DataType.DT_FLOAT, longs(dims), raw.array()));
    }

    static Sample doubles(String name, SplittableRandom random, int... dims) {
        double[] a = new double[Shape.of(dims).numel()];
        for (int i = 0; i < a.length; i++) {
            a[i] = i == 0 ? -0.0 : random.nextGaussian() * 1e300;
        }
        ByteBuffer raw = le(a.length * 8);
        for (double d : a) {
            raw.putDouble(d);
        }
        return new Sample(name, CheckpointValue.of(Tensor.of(a, dims)), TfValue.numeric(DataType.DT_DOUBLE, longs(dims), raw.array()));
    }

    static Sample ints(String name, SplittableRandom random, int... dims) {
        int[] a = new int[Shape.of(dims).numel()];
        for (int i = 0; i < a.length; i++) {
            a[i] = i == 0 ? Integer.MIN_VALUE : random.nextInt();
        }
        ByteBuffer raw = le(a.length * 4);
        for (int v : a) {
            raw.putInt(v);
        }
        return new Sample(name, CheckpointValue.of(Tensor.ofInts(a, dims)), TfValue.numeric(DataType.DT_INT32, longs(dims), raw.array()));
    }

    static Sample longs(String name, SplittableRandom random, int... dims) {
        long[] a = new long[Shape.of(dims).numel()];
        for (int i = 0; i < a.length; i++) {
            a[i] = i == 0 ? Long.MIN_VALUE : random.nextLong();
        }
        ByteBuffer raw = le(a.length * 8);
        for (long v : a) {
            raw.putLong(v);
        }
        return new Sample(name, CheckpointValue.of(Tensor.ofLongs(a, dims)), TfValue.numeric(DataType.DT_INT64, longs(dims), raw.array()));
    }

    static Sample bytes(String name, SplittableRandom random, int... dims) {
        byte[] a = new byte[Shape.of(dims).numel()];
        random.nextBytes(a);
        return new Sample(name, CheckpointValue.of(Tensor.ofBytes(a, dims)), TfValue.numeric(DataType.DT_UINT8, longs(dims), a.clone()));
    }

    /** Strings of awkward lengths: empty, one byte, binary with NULs, and 300 bytes (a two-byte varint length). */
    static Sample strings(String name, SplittableRandom random, int... dims) {
        List<byte[]> elements = new ArrayList<>();
        for (int i = 0; i < Shape.of(dims).numel(); i++) {
            int length = switch (i % 4) {
                case 0 -> 0;
                case 1 -> 1;
                case 2 -> 300;
                default -> random.nextInt(2, 40);
            };
            byte[] e = new byte[length];
            random.nextBytes(e);
            elements.add(e);
        }
        return new Sample(name, CheckpointValue.ofBytes(Shape.of(dims), elements), TfValue.strings(longs(dims), elements));
    }

    /** A mix of every dtype we write, several shapes each (scalars and empty tensors included). */
    static List<Sample> everyDtype(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return List.of(
                floats("conv2d/kernel", random, 3, 3, 5, 7),
                floats("dense/bias", random, 11),
                floats("scalar_float", random),
                floats("empty_float", random, 0, 4),
                doubles("ema/decay", random, 2, 3),
                ints("int32_vec", random, 9),
                longs("global_step", random),
                longs("int64_mat", random, 4, 5),
                bytes("uint8_image", random, 2, 3, 3),
                strings("_CHECKPOINTABLE_OBJECT_GRAPH", random),
                strings("string_vec", random, 6),
                strings("string_mat", random, 2, 3),
                strings("string_empty", random, 0));
    }

    static List<String> names(List<Sample> samples) {
        return samples.stream().map(Sample::name).toList();
    }

    static List<TfValue> theirs(List<Sample> samples) {
        return samples.stream().map(Sample::theirs).toList();
    }

    /** Asserts bitwise equality of a value we read with what TF holds. */
    static void assertSame(TfValue expected, CheckpointValue actual, String what) {
        assertEquals(expected.dtype(), actual.dtype(), what + " dtype");
        long[] dims = new long[actual.shape().rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = actual.shape().dim(i);
        }
        assertArrayEquals(expected.dims(), dims, what + " shape");
        if (actual instanceof CheckpointValue.Strings s) {
            assertEquals(expected.strings().size(), s.size(), what + " element count");
            for (int i = 0; i < s.size(); i++) {
                assertArrayEquals(expected.strings().get(i), s.element(i), what + " element " + i);
            }
        } else {
            assertArrayEquals(expected.raw(), rawBytes(actual.tensor()), what + " bytes");
        }
    }

    /** A tensor's elements as little-endian bytes, bit for bit. */
    static byte[] rawBytes(Tensor t) {
        int n = t.numel();
        return switch (t.dtype()) {
            case FLOAT32 -> {
                ByteBuffer b = le(n * 4);
                for (float f : t.toFloatArray()) {
                    b.putInt(Float.floatToRawIntBits(f));
                }
                yield b.array();
            }
            case FLOAT64 -> {
                ByteBuffer b = le(n * 8);
                for (double d : t.toDoubleArray()) {
                    b.putLong(Double.doubleToRawLongBits(d));
                }
                yield b.array();
            }
            case INT32 -> {
                ByteBuffer b = le(n * 4);
                for (int v : t.toIntArray()) {
                    b.putInt(v);
                }
                yield b.array();
            }
            case INT64 -> {
                ByteBuffer b = le(n * 8);
                for (long v : t.toLongArray()) {
                    b.putLong(v);
                }
                yield b.array();
            }
            case UINT8 -> {
                byte[] b = new byte[n];
                int[] v = t.toIntArray();
                for (int i = 0; i < n; i++) {
                    b[i] = (byte) v[i];
                }
                yield b;
            }
        };
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    static long[] longs(int[] dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            l[i] = dims[i];
        }
        return l;
    }
}
