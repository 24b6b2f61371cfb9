package dev.imgcls.train.command;

import dev.imgcls.export.savedmodel.ExportedModel;
import dev.imgcls.export.savedmodel.ImagePredictor;
import dev.imgcls.export.savedmodel.ServingSignature;
import dev.imgcls.train.demo.PatternDataset;
import dev.imgcls.train.demo.PatternImages;
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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code model/} a training job leaves behind is a SavedModel that TensorFlow 2.18 (the C++
 * loader TF Serving uses) loads and serves with the same answers as our own {@code predict}.
 */
class TensorFlowServesTheModelTest {
    @TempDir
    Path tmp;

    @Test
    void tensorFlowLoadsTheJobsModelAndAgreesWithPredict() throws IOException {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64"), "the TensorFlow native library is Linux x86-64 only");
        PatternDataset.Written data = PatternDataset.write(tmp.resolve("data"), 3, 8, 32, 1, 4);
        Path job = tmp.resolve("job");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = TrainCommand.run(new String[] {"--training_data_path=" + data.trainingPattern(),
                        "--validation_data_path=" + data.validationPattern(), "--job-dir=" + job, "--num_classes=3", "--max_steps=3",
                        "--train_batch_size=4", "--image_size=32", "--model_type=efficientnet-b0"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
                Map.of("CLOUD_ML_HP_METRIC_FILE", tmp.resolve("hp.metrics").toString()));
        assertEquals(0, status, out.toString(StandardCharsets.UTF_8));

        SplittableRandom random = new SplittableRandom(3);
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            images.add(PatternDataset.jpeg(PatternImages.draw(i % 3, 40, random)));
        }
        ImagePredictor.Predictions ours = ExportedModel.load(job.resolve("model")).predictor().predict(images);
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
                for (int i = 0; i < images.size(); i++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(ours.probabilities()[i][c], probabilities.getFloat(i, c), 2e-3, "image " + i + " class " + c);
                    }
                    // The class is the argmax: compared where it is not a near tie.
                    float[] p = ours.probabilities()[i].clone();
                    java.util.Arrays.sort(p);
                    if (p[2] - p[1] > 1e-2) {
                        assertEquals(ours.classes()[i], classes.getLong(i), "image " + i);
                    }
                }
            }
        }
    }
}
