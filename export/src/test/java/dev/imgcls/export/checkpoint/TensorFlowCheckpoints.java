package dev.imgcls.export.checkpoint;

import dev.imgcls.export.proto.DataType;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * TensorFlow 2.18 (TF Java 1.1.0) saving and restoring checkpoints with the C++ ops Python's
 * savers use: SaveV2, RestoreV2 and the V1 SaveSlices. Values travel as raw little-endian bytes
 * (or byte strings), so comparisons are bitwise. Graph mode, as in the data module's oracle: TF
 * Java 1.1.0's eager mode crashes on some attribute types.
 */
public final class TensorFlowCheckpoints {

    /** A tensor as TF sees it: dtype, shape, raw element bytes (fixed-size dtypes) or the strings. */
    public record TfValue(DataType dtype, long[] dims, byte[] raw, List<byte[]> strings) {
        public static TfValue numeric(DataType dtype, long[] dims, byte[] raw) {
            return new TfValue(dtype, dims, raw, null);
        }

        public static TfValue strings(long[] dims, List<byte[]> strings) {
            return new TfValue(DataType.DT_STRING, dims, null, strings);
        }
    }

    private interface GraphJob<R> {
        R run(Ops tf, Session session);
    }

    public TensorFlowCheckpoints() {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64"), "TensorFlow native library is Linux x86-64 only");
    }

    private static <R> R inGraph(GraphJob<R> job) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            return job.run(Ops.create(graph), session);
        }
    }

    /** SaveV2: the tensors in this order; a non-empty shapeAndSlice entry saves a slice ("4 0,2"). */
    public void save(String prefix, List<String> names, List<String> shapeAndSlices, List<TfValue> values) {
        inGraph((tf, session) -> {
            List<Operand<?>> tensors = new ArrayList<>();
            for (TfValue v : values) {
                try (TType t = toTensor(v)) {
                    tensors.add(tf.constantOf(t));
                }
            }
            session.runner().addTarget(tf.train.save(tf.constant(prefix), tf.constantOf(TString.vectorOf(names.toArray(new String[0]))),
                    tf.constantOf(TString.vectorOf(shapeAndSlices.toArray(new String[0]))), tensors)).run();
            return null;
        });
    }

    public void save(String prefix, List<String> names, List<TfValue> values) {
        save(prefix, names, names.stream().map(n -> "").toList(), values);
    }

    /** RestoreV2 of whole tensors. */
    public List<TfValue> restore(String prefix, List<String> names, List<DataType> dtypes) {
        return inGraph((tf, session) -> {
            List<Class<? extends TType>> types = dtypes.stream().<Class<? extends TType>>map(TensorFlowCheckpoints::typeClass).toList();
            Restore restore = tf.train.restore(tf.constant(prefix), tf.constantOf(TString.vectorOf(names.toArray(new String[0]))),
                    tf.constantOf(TString.vectorOf(names.stream().map(n -> "").toArray(String[]::new))), types);
            Session.Runner runner = session.runner();
            for (var output : restore.tensors()) {
                runner.fetch(output);
            }
            List<TfValue> out = new ArrayList<>();
            try (Result result = runner.run()) {
                for (int i = 0; i < names.size(); i++) {
                    out.add(fromTensor(dtypes.get(i), result.get(i)));
                }
            }
            return out;
        });
    }

    /** The V1 (pre-bundle) format: one file written by SaveSlices. */
    public void saveV1(String file, List<String> names, List<TfValue> values) {
        inGraph((tf, session) -> {
            List<Operand<?>> tensors = new ArrayList<>();
            for (TfValue v : values) {
                try (TType t = toTensor(v)) {
                    tensors.add(tf.constantOf(t));
                }
            }
            session.runner().addTarget(tf.train.saveSlices(tf.constant(file), tf.constantOf(TString.vectorOf(names.toArray(new String[0]))),
                    tf.constantOf(TString.vectorOf(names.stream().map(n -> "").toArray(String[]::new))), tensors)).run();
            return null;
        });
    }

    static Class<? extends TType> typeClass(DataType dtype) {
        return switch (dtype) {
            case DT_FLOAT -> TFloat32.class;
            case DT_DOUBLE -> TFloat64.class;
            case DT_INT32 -> TInt32.class;
            case DT_INT64 -> TInt64.class;
            case DT_UINT8 -> TUint8.class;
            case DT_BOOL -> TBool.class;
            case DT_HALF -> TFloat16.class;
            case DT_BFLOAT16 -> TBfloat16.class;
            case DT_STRING -> TString.class;
            default -> throw new IllegalArgumentException("no TF Java type for " + dtype);
        };
    }

    private static TType toTensor(TfValue v) {
        Shape shape = Shape.of(v.dims());
        if (v.dtype() == DataType.DT_STRING) {
            return TString.tensorOfBytes(shape, DataBuffers.ofObjects(v.strings().toArray(new byte[0][])));
        }
        return Tensor.of(typeClass(v.dtype()), shape, DataBuffers.of(v.raw(), true, false));
    }

    private static TfValue fromTensor(DataType dtype, Tensor t) {
        long[] dims = t.shape().asArray();
        if (dtype == DataType.DT_STRING) {
            List<byte[]> strings = new ArrayList<>();
            ((TString) t).asBytes().scalars().forEach(s -> strings.add(s.getObject()));
            return TfValue.strings(dims, strings);
        }
        byte[] raw = new byte[(int) t.numBytes()];
        t.asRawTensor().data().read(raw);
        return TfValue.numeric(dtype, dims, raw);
    }
}
