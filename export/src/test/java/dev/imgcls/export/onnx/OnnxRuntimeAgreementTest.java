package dev.imgcls.export.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.imgcls.export.savedmodel.OpCoverageModel;
import dev.imgcls.export.savedmodel.TestImages;
import dev.imgcls.export.savedmodel.TestModels;
import dev.imgcls.nn.Mode;
import dev.imgcls.nn.Model;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ONNX Runtime, running our export, gives the engine's probabilities within 1e-4 and its top
 * class, at batch 1 and 5. The models have random weights and batch-norm statistics of the right
 * scale but not trivial ones ({@link TestModels#randomized}), so every layer, batch norms
 * included, moves the result; the images differ, so a layout mistake shows.
 */
class OnnxRuntimeAgreementTest {
    private static final int IMAGE_SIZE = 64;
    private static final int CLASSES = 7;
    private static final double TOLERANCE = 1e-4;
    private static final int[][] PICTURES = {{80, 64}, {64, 90}, {120, 100}, {70, 70}, {150, 60}};

    @Test
    void resnet18() throws OrtException {
        check(TestModels.randomized("resnet-18", CLASSES, 41, TestImages.calibrationBatch(IMAGE_SIZE)), IMAGE_SIZE);
    }

    @Test
    void resnet50() throws OrtException {
        check(TestModels.randomized("resnet-50", CLASSES, 42, TestImages.calibrationBatch(IMAGE_SIZE)), IMAGE_SIZE);
    }

    @Test
    void efficientNetB0() throws OrtException {
        check(TestModels.randomized("efficientnet-b0", CLASSES, 43, TestImages.calibrationBatch(IMAGE_SIZE)), IMAGE_SIZE);
    }

    /** Explicit and VALID padding, a depthwise multiplier, a reshape of a 2×2 map, a rank-2 batch norm, a transposed matmul. */
    @Test
    void everyOtherTranslatedOp() throws OrtException {
        check(new OpCoverageModel(5, 29, 44), 29);
    }

    private static void check(Model model, int imageSize) throws OrtException {
        byte[] onnx = OnnxModelBuilder.build(model, OnnxExportOptions.reference(imageSize)).toByteArray();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions(); OrtSession session = env.createSession(onnx, options)) {
            for (int batch : new int[] {1, 5}) {
                Tensor images = TestImages.scaledBatch(Arrays.copyOf(PICTURES, batch), 500 + batch, imageSize);
                float[] ours = probabilities(model, images);
                Output theirs = run(env, session, images);
                String what = model.modelType() + " at batch " + batch;
                assertEquals(ours.length, theirs.probabilities().length, what);
                double worst = 0;
                for (int i = 0; i < ours.length; i++) {
                    worst = Math.max(worst, Math.abs(ours[i] - theirs.probabilities()[i]));
                }
                assertTrue(worst <= TOLERANCE, what + ": ONNX Runtime's probabilities differ from ours by up to " + worst);
                int classes = ours.length / batch;
                for (int b = 0; b < batch; b++) {
                    float[] row = Arrays.copyOfRange(ours, b * classes, (b + 1) * classes);
                    assertEquals(argMax(row), theirs.classes()[b], what + ", image " + b + ": top class " + Arrays.toString(row));
                }
                System.out.printf("%s: probabilities within %.2g of ONNX Runtime's%n", what, worst);
            }
        }
    }

    private static float[] probabilities(Model model, Tensor images) {
        float[] logits;
        try (Autograd.Scope ng = Autograd.noGrad()) {
            logits = model.forward(images, Mode.EVAL).toFloatArray();
        }
        int classes = model.numClasses();
        float[] p = new float[logits.length];
        for (int b = 0; b < logits.length / classes; b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, logits[b * classes + k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(logits[b * classes + k] - max);
            }
            for (int k = 0; k < classes; k++) {
                p[b * classes + k] = (float) (Math.exp(logits[b * classes + k] - max) / sum);
            }
        }
        return p;
    }

    private static int argMax(float[] row) {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            if (row[k] > row[best]) {
                best = k;
            }
        }
        return best;
    }

    record Output(float[] probabilities, long[] classes) {
    }

    static Output run(OrtEnvironment env, OrtSession session, Tensor images) throws OrtException {
        long[] shape = Arrays.stream(images.dims()).asLongStream().toArray();
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(images.toFloatArray()), shape);
             OrtSession.Result result = session.run(Map.of(OnnxModelBuilder.INPUT, input))) {
            FloatBuffer p = ((OnnxTensor) result.get(OnnxModelBuilder.PROBABILITIES).orElseThrow()).getFloatBuffer();
            LongBuffer c = ((OnnxTensor) result.get(OnnxModelBuilder.CLASSES).orElseThrow()).getLongBuffer();
            float[] probabilities = new float[p.remaining()];
            p.get(probabilities);
            long[] classes = new long[c.remaining()];
            c.get(classes);
            return new Output(probabilities, classes);
        }
    }
}
