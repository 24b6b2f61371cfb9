package dev.imgcls.export.checkpoint;

import dev.imgcls.export.proto.DataType;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.spi.HostStorage;
import dev.imgcls.tensor.spi.TensorAccess;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Numeric tensors as a data file stores them: the row-major elements, little-endian, back to back. */
final class NumericCodec {

    private static final int CHUNK_BYTES = 64 * 1024;

    private NumericCodec() {}

    /** Appends the tensor's elements to the data file. */
    static void write(Tensor tensor, DataOutput out) throws IOException {
        HostStorage host = TensorAccess.storage(tensor) instanceof HostStorage h ? h : null;
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        switch (tensor.dtype()) {
            case FLOAT32 -> {
                float[] a = host != null ? host.floats() : tensor.toFloatArray();
                for (int i = 0; i < a.length; ) {
                    int n = Math.min(a.length - i, CHUNK_BYTES / 4);
                    chunk.clear();
                    chunk.asFloatBuffer().put(a, i, n);
                    out.write(chunk.array(), 0, n * 4);
                    i += n;
                }
            }
            case FLOAT64 -> {
                double[] a = host != null ? host.doubles() : tensor.toDoubleArray();
                for (int i = 0; i < a.length; ) {
                    int n = Math.min(a.length - i, CHUNK_BYTES / 8);
                    chunk.clear();
                    chunk.asDoubleBuffer().put(a, i, n);
                    out.write(chunk.array(), 0, n * 8);
                    i += n;
                }
            }
            case INT32 -> {
                int[] a = host != null ? host.ints() : tensor.toIntArray();
                for (int i = 0; i < a.length; ) {
                    int n = Math.min(a.length - i, CHUNK_BYTES / 4);
                    chunk.clear();
                    chunk.asIntBuffer().put(a, i, n);
                    out.write(chunk.array(), 0, n * 4);
                    i += n;
                }
            }
            case INT64 -> {
                long[] a = host != null ? host.longs() : tensor.toLongArray();
                for (int i = 0; i < a.length; ) {
                    int n = Math.min(a.length - i, CHUNK_BYTES / 8);
                    chunk.clear();
                    chunk.asLongBuffer().put(a, i, n);
                    out.write(chunk.array(), 0, n * 8);
                    i += n;
                }
            }
            case UINT8 -> {
                if (host != null) {
                    out.write(host.bytes());
                } else {
                    int[] a = tensor.toIntArray();
                    byte[] b = new byte[a.length];
                    for (int i = 0; i < a.length; i++) {
                        b[i] = (byte) a[i];
                    }
                    out.write(b);
                }
            }
        }
    }

    /**
     * A tensor from a data file's bytes (whose length the caller has checked). Bool is read as
     * UINT8 0/1, half and bfloat16 as FLOAT32, all exactly; other dtypes are the caller's to reject.
     */
    static Tensor read(byte[] data, DataType dtype, int[] dims) {
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int n = data.length / Math.max(1, TensorTypes.elementSize(dtype));
        return switch (dtype) {
            case DT_FLOAT -> {
                float[] a = new float[n];
                in.asFloatBuffer().get(a);
                yield Tensor.of(a, dims);
            }
            case DT_DOUBLE -> {
                double[] a = new double[n];
                in.asDoubleBuffer().get(a);
                yield Tensor.of(a, dims);
            }
            case DT_INT32 -> {
                int[] a = new int[n];
                in.asIntBuffer().get(a);
                yield Tensor.ofInts(a, dims);
            }
            case DT_INT64 -> {
                long[] a = new long[n];
                in.asLongBuffer().get(a);
                yield Tensor.ofLongs(a, dims);
            }
            case DT_UINT8, DT_BOOL -> Tensor.ofBytes(data, dims);
            case DT_HALF -> {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = halfToFloat(in.getShort(2 * i));
                }
                yield Tensor.of(a, dims);
            }
            case DT_BFLOAT16 -> {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = Float.intBitsToFloat((in.getShort(2 * i) & 0xFFFF) << 16);
                }
                yield Tensor.of(a, dims);
            }
            default -> throw new IllegalArgumentException("no numeric reading for " + dtype);
        };
    }

    /** IEEE 754 binary16 to binary32, exact (subnormals, infinities and NaN payloads included). */
    static float halfToFloat(short half) {
        int h = half & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // Zero or subnormal: mantissa * 2^-24, exactly representable in float.
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
