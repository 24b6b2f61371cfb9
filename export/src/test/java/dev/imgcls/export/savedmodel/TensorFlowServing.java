package dev.imgcls.export.savedmodel;

import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * TensorFlow 2.18's C++ SavedModel loader (the one TF Serving uses) through TF Java 1.1.0: loads
 * an export with tag set {serve} and runs its serving_default signature in a Session, feeding and
 * fetching the tensor names the signature lists. Graph/Session only: TF Java 1.1.0's eager mode
 * crashes on string-list attributes.
 */
public final class TensorFlowServing implements AutoCloseable {
    private final SavedModelBundle bundle;
    private final SignatureDef signature;

    private TensorFlowServing(SavedModelBundle bundle) {
        this.bundle = bundle;
        this.signature = bundle.metaGraphDef().getSignatureDefOrThrow(ServingSignature.SIGNATURE_KEY);
    }

    public static void assumeAvailable() {
        // The test-scope native artifact is linux-x86_64 only.
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64"), "TensorFlow native library is Linux x86-64 only");
    }

    public static TensorFlowServing load(Path dir) {
        assumeAvailable();
        return new TensorFlowServing(SavedModelBundle.load(dir.toString(), ServingSignature.TAG));
    }

    MetaGraphDef metaGraph() {
        return bundle.metaGraphDef();
    }

    SignatureDef signature() {
        return signature;
    }

    /** What TF returned for a request. */
    public record Response(long[] classes, float[][] probabilities, List<String> keys) {
    }

    /** Runs serving_default; {@code keys} null leaves the key input unfed. */
    public Response predict(List<byte[]> images, List<String> keys) {
        Session.Runner runner = bundle.session().runner();
        List<Tensor> fed = new ArrayList<>();
        try {
            TString imageTensor = stringVector(images);
            fed.add(imageTensor);
            runner.feed(inputName(ServingSignature.IMAGE_BYTES), imageTensor);
            if (keys != null) {
                TString keyTensor = TString.vectorOf(keys.toArray(new String[0]));
                fed.add(keyTensor);
                runner.feed(inputName(ServingSignature.KEY), keyTensor);
            }
            runner.fetch(outputName(ServingSignature.CLASSES)).fetch(outputName(ServingSignature.PROBABILITIES)).fetch(outputName(ServingSignature.KEY));
            try (Result result = runner.run()) {
                TInt64 classes = (TInt64) result.get(0);
                TFloat32 probs = (TFloat32) result.get(1);
                TString keyOut = (TString) result.get(2);
                int n = (int) classes.shape().get(0);
                long[] c = new long[n];
                float[][] p = new float[n][(int) probs.shape().get(1)];
                for (int i = 0; i < n; i++) {
                    c[i] = classes.getLong(i);
                    for (int j = 0; j < p[i].length; j++) {
                        p[i][j] = probs.getFloat(i, j);
                    }
                }
                List<String> k = new ArrayList<>();
                for (long i = 0; i < keyOut.shape().get(0); i++) {
                    k.add(new String(keyOut.asBytes().getObject(i), StandardCharsets.UTF_8));
                }
                if (probs.shape().get(0) != n) {
                    throw new AssertionError("classes " + classes.shape() + " and probabilities " + probs.shape() + " disagree on the batch");
                }
                return new Response(c, p, k);
            }
        } finally {
            fed.forEach(Tensor::close);
        }
    }

    /** A float tensor of the graph (by name, e.g. "node:0") for a batch of images. */
    public float[] fetchFloats(String tensorName, List<byte[]> images) {
        try (TString imageTensor = stringVector(images);
             Result result = bundle.session().runner().feed(inputName(ServingSignature.IMAGE_BYTES), imageTensor).fetch(tensorName).run()) {
            TFloat32 t = (TFloat32) result.get(0);
            float[] out = new float[(int) t.shape().size()];
            t.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(out, false, false));
            return out;
        }
    }

    /** A DT_STRING [n] tensor, n = 0 included (NdArrays.vectorOfObjects refuses empty input). */
    private static TString stringVector(List<byte[]> values) {
        NdArray<byte[]> array = NdArrays.ofObjects(byte[].class, org.tensorflow.ndarray.Shape.of(values.size()));
        for (int i = 0; i < values.size(); i++) {
            array.setObject(values.get(i), i);
        }
        return TString.tensorOfBytes(array);
    }

    private String inputName(String key) {
        return signature.getInputsOrThrow(key).getName();
    }

    private String outputName(String key) {
        return signature.getOutputsOrThrow(key).getName();
    }

    @Override
    public void close() {
        bundle.close();
    }
}
