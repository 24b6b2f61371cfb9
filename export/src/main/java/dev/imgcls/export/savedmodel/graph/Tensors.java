package dev.imgcls.export.savedmodel.graph;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.imgcls.export.proto.DataType;
import dev.imgcls.export.proto.TensorProto;
import dev.imgcls.export.proto.TensorShapeProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * TensorProto values for Const nodes: float data as raw little-endian {@code tensor_content}
 * (compact for weights), small int32 values in {@code int_val}, strings in {@code string_val}.
 */
public final class Tensors {
    private Tensors() {
    }

    public static TensorProto floats(float[] data, long... shape) {
        checkCount(data.length, shape);
        ByteBuffer bytes = ByteBuffer.allocate(Math.multiplyExact(data.length, Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(data);
        // The array is ours alone and never written again, so the ByteString may wrap it.
        return TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(Attrs.shapeProto(shape))
                .setTensorContent(UnsafeByteOperations.unsafeWrap(bytes.array())).build();
    }

    public static TensorProto ints(int[] data, long... shape) {
        checkCount(data.length, shape);
        TensorProto.Builder t = TensorProto.newBuilder().setDtype(DataType.DT_INT32).setTensorShape(Attrs.shapeProto(shape));
        for (int v : data) {
            t.addIntVal(v);
        }
        return t.build();
    }

    public static TensorProto strings(List<byte[]> values, long... shape) {
        checkCount(values.size(), shape);
        TensorProto.Builder t = TensorProto.newBuilder().setDtype(DataType.DT_STRING).setTensorShape(Attrs.shapeProto(shape));
        for (byte[] v : values) {
            t.addStringVal(ByteString.copyFrom(v));
        }
        return t.build();
    }

    /** The values of a DT_FLOAT tensor written with tensor_content or float_val (a short float_val repeats its last value). */
    public static float[] readFloats(TensorProto t) {
        if (t.getDtype() != DataType.DT_FLOAT) {
            throw new IllegalArgumentException("expected a DT_FLOAT tensor, got " + t.getDtype());
        }
        long count = numElements(t.getTensorShape());
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor of " + count + " elements is too large");
        }
        float[] out = new float[(int) count];
        if (!t.getTensorContent().isEmpty()) {
            if (t.getTensorContent().size() != count * Float.BYTES) {
                throw new IllegalArgumentException("tensor_content has " + t.getTensorContent().size() + " bytes, shape "
                        + shapeString(t.getTensorShape()) + " needs " + count * Float.BYTES);
            }
            FloatBuffer fb = t.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            fb.get(out);
            return out;
        }
        int n = t.getFloatValCount();
        if (n > count || (n == 0 && count > 0)) {
            throw new IllegalArgumentException("float_val has " + n + " values for shape " + shapeString(t.getTensorShape()));
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getFloatVal(Math.min(i, n - 1));
        }
        return out;
    }

    public static long numElements(TensorShapeProto shape) {
        long n = 1;
        for (TensorShapeProto.Dim d : shape.getDimList()) {
            if (d.getSize() < 0) {
                throw new IllegalArgumentException("shape " + shapeString(shape) + " is not fully defined");
            }
            n = Math.multiplyExact(n, d.getSize());
        }
        return n;
    }

    public static long[] dims(TensorShapeProto shape) {
        return shape.getDimList().stream().mapToLong(TensorShapeProto.Dim::getSize).toArray();
    }

    public static String shapeString(TensorShapeProto shape) {
        return java.util.Arrays.toString(dims(shape));
    }

    private static void checkCount(int count, long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("constant shapes must be fully defined, got " + java.util.Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != count) {
            throw new IllegalArgumentException(count + " values for shape " + java.util.Arrays.toString(shape));
        }
    }
}
