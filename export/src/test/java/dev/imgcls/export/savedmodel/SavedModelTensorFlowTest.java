package dev.imgcls.export.savedmodel;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Our SavedModels in TensorFlow 2.18's C++ loader (the TF Serving path): the signature as TF sees
 * it, and keys echoed or broadcast. That serving returns what our own inference returns is the
 * trainer's ServingMatchesOurInferenceTest (our inference needs data's eval preprocessing).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SavedModelTensorFlowTest {
    @TempDir
    Path tmp;

    private final List<byte[]> three = List.of(TestImages.png(80, 70, 1), TestImages.png(100, 130, 2), TestImages.png(300, 200, 3));

    @BeforeAll
    void tensorFlowAvailable() {
        TensorFlowServing.assumeAvailable();
    }

    @Test
    void signatureAsTensorFlowSeesIt() throws Exception {
        Path dir = tmp.resolve("signature");
        SavedModelExporter.export(TestModels.randomized("efficientnet-b0", 3, 13, TestImages.calibrationBatch(32)), 32, dir);
        try (TensorFlowServing tf = TensorFlowServing.load(dir)) {
            assertEquals(List.of(ServingSignature.TAG), tf.metaGraph().getMetaInfoDef().getTagsList());
            assertEquals(List.of(ServingSignature.SIGNATURE_KEY), List.copyOf(tf.metaGraph().getSignatureDefMap().keySet()));
            SignatureDef sig = tf.signature();
            assertEquals(ServingSignature.METHOD_NAME, sig.getMethodName());
            assertEquals(List.of(ServingSignature.IMAGE_BYTES, ServingSignature.KEY), sorted(sig.getInputsMap().keySet()));
            assertEquals(List.of(ServingSignature.CLASSES, ServingSignature.KEY, ServingSignature.PROBABILITIES), sorted(sig.getOutputsMap().keySet()));
            assertInfo(sig.getInputsOrThrow(ServingSignature.IMAGE_BYTES), DataType.DT_STRING, -1);
            assertInfo(sig.getInputsOrThrow(ServingSignature.KEY), DataType.DT_STRING, -1);
            assertInfo(sig.getOutputsOrThrow(ServingSignature.CLASSES), DataType.DT_INT64, -1);
            assertInfo(sig.getOutputsOrThrow(ServingSignature.PROBABILITIES), DataType.DT_FLOAT, -1, 3);
            assertInfo(sig.getOutputsOrThrow(ServingSignature.KEY), DataType.DT_STRING, -1);
        }
    }

    @Test
    void keysAreEchoedOrBroadcastAndAMismatchFails() throws Exception {
        Path dir = tmp.resolve("keys");
        SavedModelExporter.export(TestModels.randomized("efficientnet-b0", 4, 14, TestImages.calibrationBatch(32)), 32, dir);
        try (TensorFlowServing tf = TensorFlowServing.load(dir)) {
            assertEquals(List.of("x", "y", "z"), tf.predict(three, List.of("x", "y", "z")).keys());
            assertEquals(List.of("same", "same", "same"), tf.predict(three, List.of("same")).keys());
            assertEquals(Collections.nCopies(3, ServingSignature.DEFAULT_KEY), tf.predict(three, null).keys());
            assertThrows(RuntimeException.class, () -> tf.predict(three, List.of("x", "y")));
        }
    }

    private static void assertInfo(TensorInfo info, DataType dtype, long... dims) {
        assertEquals(dtype, info.getDtype(), info.getName());
        assertArrayEquals(dims, info.getTensorShape().getDimList().stream().mapToLong(d -> d.getSize()).toArray(), info.getName());
    }

    private static List<String> sorted(java.util.Set<String> s) {
        return s.stream().sorted().toList();
    }
}
