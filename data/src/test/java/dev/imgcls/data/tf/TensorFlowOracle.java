package dev.imgcls.data.tf;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.EncodeProto;
import org.tensorflow.op.data.DatasetToSingleElement;
import org.tensorflow.op.io.ParseSingleExample;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * TensorFlow 2.18 (TF Java 1.1.0) doing what our data code does, through the C++ ops Python's
 * tf.data uses: TFRecordDataset, DatasetToTFRecord, ParseSingleExample, EncodeProto. Graph mode:
 * TF Java 1.1.0's eager mode crashes the JVM (SIGSEGV in TFE_OpSetAttrStringList) on ops with
 * string-list attributes such as ParseSingleExample's keys.
 */
final class TensorFlowOracle {

    private static final List<Class<? extends TType>> ONE_STRING = List.of(TString.class);
    private static final List<Shape> SCALAR = List.of(Shape.scalar());

    private interface GraphJob<R> {
        R run(Ops tf, Session session);
    }

    TensorFlowOracle() {
        // The test-scope native artifact is linux-x86_64 only.
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64"), "TensorFlow native library is Linux x86-64 only");
    }

    private static <R> R inGraph(GraphJob<R> job) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            return job.run(Ops.create(graph), session);
        }
    }

    /** All records of a (non-empty) file, read by TFRecordDataset with the given compression_type. */
    List<byte[]> readRecords(String path, String compressionType) {
        return inGraph((tf, session) -> {
            Operand<? extends TType> dataset = tf.data.tfRecordDataset(tf.constantOf(TString.vectorOf(path)),
                    tf.constant(compressionType), tf.constant(256 * 1024L), tf.constant(new long[] {0}));
            // All records as one batch, fetched in one run. (Not an iterator: MakeIterator
            // re-serializes the dataset graph, which TF 2.18 gets wrong for TFRecordDatasetV2.)
            List<Shape> vector = List.of(Shape.of(Shape.UNKNOWN_SIZE));
            Operand<? extends TType> batched = tf.data.batchDataset(dataset, tf.constant(1L << 40), tf.constant(false), ONE_STRING, vector);
            DatasetToSingleElement all = tf.data.datasetToSingleElement(batched, ONE_STRING, vector);
            try (Result result = session.runner().fetch(all.components().get(0)).run()) {
                NdArray<byte[]> records = ((TString) result.get(0)).asBytes();
                List<byte[]> out = new ArrayList<>();
                for (long i = 0; i < records.shape().get(0); i++) {
                    out.add(records.getObject(i));
                }
                return out;
            }
        });
    }

    /** Writes records with DatasetToTFRecord. */
    void writeRecords(String path, String compressionType, List<byte[]> records) {
        inGraph((tf, session) -> {
            Operand<TString> values = tf.constantOf(TString.tensorOfBytes(NdArrays.vectorOfObjects(records.toArray(new byte[0][]))));
            Operand<? extends TType> dataset = tf.data.tensorSliceDataset(List.of(values), SCALAR);
            session.runner().addTarget(tf.data.datasetToTfRecord(dataset, tf.constant(path), tf.constant(compressionType))).run();
            return null;
        });
    }

    /** {@code image/encoded} and {@code image/class/label} as the reference parser reads them (defaults '' and -1). */
    ParsedImage parseImageExample(byte[] serialized) {
        return inGraph((tf, session) -> {
            ParseSingleExample parsed = tf.io.parseSingleExample(bytesScalar(tf, serialized),
                    List.of(tf.constant(""), tf.constant(-1L)), 0L, List.of(), List.of("image/encoded", "image/class/label"),
                    List.of(), List.of(Shape.scalar(), Shape.scalar()));
            try (Result result = session.runner().fetch(parsed.denseValues().get(0)).fetch(parsed.denseValues().get(1)).run()) {
                return new ParsedImage(((TString) result.get(0)).asBytes().getObject(), ((TInt64) result.get(1)).getLong());
            }
        });
    }

    record ParsedImage(byte[] encoded, long label) {}

    /**
     * A tf.Example with {@code image/encoded} and {@code image/class/label} serialized by
     * TensorFlow's own C++ protobuf code (EncodeProto, one message level at a time), so our parser
     * is checked against bytes we did not produce.
     */
    byte[] encodeImageExample(byte[] encoded, long label) {
        return inGraph((tf, session) -> {
            Operand<TString> bytesList = encode(tf, "tensorflow.BytesList", List.of("value"), List.of(bytesScalar(tf, encoded)));
            Operand<TString> int64List = encode(tf, "tensorflow.Int64List", List.of("value"), List.of(tf.constant(label)));
            Operand<TString> imageFeature = encode(tf, "tensorflow.Feature", List.of("bytes_list"), List.of(bytesList));
            Operand<TString> labelFeature = encode(tf, "tensorflow.Feature", List.of("int64_list"), List.of(int64List));
            Operand<TString> imageEntry = encode(tf, "tensorflow.Features.FeatureEntry", List.of("key", "value"),
                    List.of(tf.constant("image/encoded"), imageFeature));
            Operand<TString> labelEntry = encode(tf, "tensorflow.Features.FeatureEntry", List.of("key", "value"),
                    List.of(tf.constant("image/class/label"), labelFeature));
            // The map field is a repeated entry message: both entries go into one field of size 2.
            Operand<TString> entries = tf.reshape(tf.stack(List.of(labelEntry, imageEntry)), tf.constant(new long[] {1, 2}));
            EncodeProto features = tf.encodeProto(tf.constant(new int[][] {{2}}), List.of(entries), List.of("feature"),
                    "tensorflow.Features");
            Operand<TString> example = encode(tf, "tensorflow.Example", List.of("features"),
                    List.of(tf.reshape(features, tf.constant(new long[0]))));
            try (Result result = session.runner().fetch(example).run()) {
                return ((TString) result.get(0)).asBytes().getObject();
            }
        });
    }

    /** One message whose fields each hold one value: scalars in, a scalar serialized message out. */
    private static Operand<TString> encode(Ops tf, String messageType, List<String> fields, List<Operand<?>> scalars) {
        List<Operand<?>> values = new ArrayList<>();
        int[] sizes = new int[fields.size()];
        for (int i = 0; i < scalars.size(); i++) {
            values.add(tf.reshape(scalars.get(i), tf.constant(new long[] {1, 1})));
            sizes[i] = 1;
        }
        EncodeProto message = tf.encodeProto(tf.constant(new int[][] {sizes}), values, fields, messageType);
        return tf.reshape(message, tf.constant(new long[0]));
    }

    private static Operand<TString> bytesScalar(Ops tf, byte[] value) {
        return tf.constantOf(TString.tensorOfBytes(NdArrays.scalarOfObject(value)));
    }
}
