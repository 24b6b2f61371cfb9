package dev.imgcls.export.onnx;

import com.google.protobuf.UnsafeByteOperations;
import dev.imgcls.export.onnx.proto.TensorProto;
import dev.imgcls.tensor.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * ONNX constant tensors (numbers as little-endian {@code raw_data}) and the two layout changes
 * the export makes to engine constants: convolution kernels from the engine's HWIO to ONNX's
 * OIHW, and operands that broadcast against NHWC activations to the same broadcast against NCHW.
 */
final class OnnxTensors {
    private OnnxTensors() {
    }

    static TensorProto floats(String name, float[] data, long... dims) {
        checkCount(name, data.length, dims);
        ByteBuffer bytes = ByteBuffer.allocate(Math.multiplyExact(data.length, Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(data);
        return tensor(name, TensorProto.DataType.FLOAT, bytes, dims);
    }

    /** A 1-D int64 tensor. */
    static TensorProto longs(String name, long... data) {
        ByteBuffer bytes = ByteBuffer.allocate(Math.multiplyExact(data.length, Long.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(data);
        return tensor(name, TensorProto.DataType.INT64, bytes, data.length);
    }

    private static TensorProto tensor(String name, TensorProto.DataType type, ByteBuffer bytes, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber());
        for (long d : dims) {
            t.addDims(d);
        }
        // The array is ours alone and never written again, so the ByteString may wrap it.
        return t.setRawData(UnsafeByteOperations.unsafeWrap(bytes.array())).build();
    }

    private static void checkCount(String name, int count, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != count) {
            throw new IllegalArgumentException("tensor " + name + ": " + count + " values for shape " + java.util.Arrays.toString(dims));
        }
    }

    /** A kernel {@code [kh, kw, i, o]} (row-major) as {@code [o, i, kh, kw]}. */
    static float[] hwioToOihw(float[] w, int kh, int kw, int in, int out) {
        float[] r = new float[w.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < in; i++) {
                    int from = ((y * kw + x) * in + i) * out;
                    for (int o = 0; o < out; o++) {
                        r[((o * in + i) * kh + y) * kw + x] = w[from + o];
                    }
                }
            }
        }
        return r;
    }

    /** The dims of a constant of {@code shape} (rank ≤ 4) that broadcasts against NHWC, made rank 4 and laid out as NCHW. */
    static long[] nchwBroadcastDims(Shape shape) {
        int[] d = rank4(shape);
        return new long[] {d[0], d[3], d[1], d[2]};
    }

    /** The values of such a constant in the order of {@link #nchwBroadcastDims}. */
    static float[] nchwBroadcastData(float[] data, Shape shape) {
        int[] d = rank4(shape);
        int n = d[0];
        int h = d[1];
        int w = d[2];
        int c = d[3];
        float[] r = new float[data.length];
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int k = 0; k < c; k++) {
                        r[((b * c + k) * h + y) * w + x] = data[((b * h + y) * w + x) * c + k];
                    }
                }
            }
        }
        return r;
    }

    /** {@code shape} with leading 1s up to rank 4, as NumPy broadcasting aligns it against a rank-4 tensor. */
    private static int[] rank4(Shape shape) {
        if (shape.rank() > 4) {
            throw new IllegalArgumentException("a constant of shape " + shape + " cannot broadcast against a rank-4 activation");
        }
        int[] d = {1, 1, 1, 1};
        for (int i = 0; i < shape.rank(); i++) {
            d[4 - shape.rank() + i] = shape.dim(i);
        }
        return d;
    }
}
