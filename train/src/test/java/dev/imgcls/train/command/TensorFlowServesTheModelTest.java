package dev.imgcls.train.command;

import dev.imgcls.export.savedmodel.ExportedModel;
import dev.imgcls.export.savedmodel.ServingSignature;
import dev.imgcls.train.demo.PatternDataset;
import dev.imgcls.train.demo.PatternImages;
import dev.imgcls.train.predict.ImagePredictor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code model/} a training job leaves behind is a SavedModel that TensorFlow 2.18 (the C++
 * loader TF Serving uses) loads and serves with the same answers as our own {@code predict}.
 */
class TensorFlowServesTheModelTest {
    /** As SavedModelTensorFlowTest: TF's oneDNN kernels and ours sum in other orders, nothing more. */
    private static final double PROB_TOLERANCE = 1e-4;

    @TempDir
    Path tmp;

    @Test
    void tensorFlowLoadsTheJobsModelAndAgreesWithPredict() throws IOException {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64"), "the TensorFlow native library is Linux x86-64 only");
        PatternDataset.Written data = PatternDataset.write(tmp.resolve("data"), 3, 8, 32, 1, 4);
        Path job = tmp.resolve("job");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // ResNet-18 at a high rate, so that six steps give outputs that depend on the image without
        // saturating. A few steps of EfficientNet-B0 give near-uniform (3 steps at 1e-4: spread 5e-4)
        // or one-hot outputs (more steps or a higher rate: its moving batch-norm statistics lag far
        // behind), on which any two implementations agree. SavedModelTensorFlowTest covers B0's ops.
        int status = TrainCommand.run(new String[] {"--training_data_path=" + data.trainingPattern(),
                        "--validation_data_path=" + data.validationPattern(), "--job-dir=" + job, "--num_classes=3", "--max_steps=6",
                        "--train_batch_size=4", "--image_size=32", "--model_type=resnet-18", "--initial_learning_rate=0.05"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
                Map.of("CLOUD_ML_HP_METRIC_FILE", tmp.resolve("hp.metrics").toString()));
        assertEquals(0, status, out.toString(StandardCharsets.UTF_8));

        SplittableRandom random = new SplittableRandom(3);
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            images.add(PatternDataset.jpeg(PatternImages.draw(i % 3, 40, random)));
        }
        ImagePredictor.Predictions ours = ImagePredictor.of(ExportedModel.load(job.resolve("model"))).predict(images);
        try (SavedModelBundle bundle = SavedModelBundle.load(job.resolve("model").toString(), ServingSignature.TAG);
             TString input = TString.tensorOfBytes(NdArrays.vectorOfObjects(images.toArray(new byte[0][])))) {
            SignatureDef signature = bundle.metaGraphDef().getSignatureDefOrThrow(ServingSignature.SIGNATURE_KEY);
            try (Result result = bundle.session().runner()
                    .feed(signature.getInputsOrThrow(ServingSignature.IMAGE_BYTES).getName(), input)
                    .fetch(signature.getOutputsOrThrow(ServingSignature.CLASSES).getName())
                    .fetch(signature.getOutputsOrThrow(ServingSignature.PROBABILITIES).getName())
                    .run()) {
                TInt64 classes = (TInt64) result.get(0);
                TFloat32 probabilities = (TFloat32) result.get(1);
                double worst = 0;
                for (int i = 0; i < images.size(); i++) {
                    for (int c = 0; c < 3; c++) {
                        worst = Math.max(worst, Math.abs(ours.probabilities()[i][c] - probabilities.getFloat(i, c)));
                    }
                    // The class is the argmax: compared where it is not a near tie.
                    float[] p = ours.probabilities()[i].clone();
                    java.util.Arrays.sort(p);
                    if (p[2] - p[1] > 1e-2) {
                        assertEquals(ours.classes()[i], classes.getLong(i), "image " + i);
                    }
                }
                System.out.printf("spread %.4f, largest |p_TF - p_ours| %.2e%n", spread(ours), worst);
                // Near-uniform or saturated outputs would agree within any tolerance whatever the network computed.
                assertTrue(spread(ours) > 0.05, "the trained model's predictions must depend on the image: spread " + spread(ours));
                for (float[] p : ours.probabilities()) {
                    for (float q : p) {
                        assertTrue(q > 1e-3 && q < 0.999, "saturated probabilities: " + java.util.Arrays.toString(p));
                    }
                }
                assertTrue(worst <= PROB_TOLERANCE, "probabilities differ by " + worst);
            }
        }
    }

    /** The largest change of any class probability between the first image and another (as SavedModelTensorFlowTest). */
    private static double spread(ImagePredictor.Predictions p) {
        double spread = 0;
        for (int i = 1; i < p.size(); i++) {
            for (int j = 0; j < p.probabilities()[i].length; j++) {
                spread = Math.max(spread, Math.abs(p.probabilities()[i][j] - p.probabilities()[0][j]));
            }
        }
        return spread;
    }
}
