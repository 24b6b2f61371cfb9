package dev.imgcls.train.loop;

import dev.imgcls.export.checkpoint.BundleReader;
import dev.imgcls.export.checkpoint.CheckpointValue;
import dev.imgcls.export.checkpoint.TensorFlowCheckpoints;
import dev.imgcls.export.checkpoint.TensorFlowCheckpoints.TfValue;
import dev.imgcls.export.proto.DataType;
import dev.imgcls.export.savedmodel.ExportedModel;
import dev.imgcls.export.savedmodel.SavedModelExporter;
import dev.imgcls.export.warmstart.WarmStart;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.Variable;
import dev.imgcls.nn.optim.WeightAverage;
import dev.imgcls.train.cli.TrainingArguments;
import dev.imgcls.train.demo.PatternDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EfficientNet's moving average of the weights in whole jobs (on by default, as the reference
 * trains EfficientNet): the exported model holds the averages, the checkpoint carries them under
 * TF's names, and a TensorFlow-written checkpoint with shadows warm-starts weights and average.
 */
class MovingAverageJobTest {
    @TempDir
    static Path tmp;
    static PatternDataset.Written data;

    @BeforeAll
    static void data() throws IOException {
        data = PatternDataset.write(tmp.resolve("data"), 8, 24, 2, 5);
    }

    @Test
    void theExportedModelHoldsTheAveragedWeights() throws IOException {
        Path job = tmp.resolve("export");
        String out = run(job, 2, null);
        assertTrue(out.contains("evaluating a moving average of the weights (--moving_average_decay=0.9999)"), out);

        Map<String, CheckpointValue> checkpoint = BundleReader.open(job.resolve("checkpoints/model.ckpt-2").toString()).readAll(n -> true);
        Model exported = ExportedModel.load(job.resolve("model")).model();
        int averagedDiffers = 0;
        for (Variable v : exported.variables()) {
            CheckpointValue shadow = checkpoint.get(v.name() + "/ExponentialMovingAverage");
            assertTrue(shadow != null, "the checkpoint has TF's shadow of " + v.name());
            double[] averaged = shadow.tensor().toDoubleArray();
            assertArrayEquals(averaged, v.value().toDoubleArray(), 0, v.name());
            if (!Arrays.equals(averaged, checkpoint.get(v.name()).tensor().toDoubleArray())) {
                averagedDiffers++;
            }
        }
        assertTrue(averagedDiffers > exported.variables().size() / 2,
                "the averages are not the raw weights: only " + averagedDiffers + " variables differ");
    }

    @Test
    void aTensorFlowCheckpointWithShadowsWarmStartsTheWeightsAndTheAverageFromTheShadows() throws IOException {
        TensorFlowCheckpoints tensorFlow = new TensorFlowCheckpoints(); // skips off Linux x86-64
        Model template = ModelFactory.create("efficientnet-b0", data.numClasses(), 41);
        List<String> names = new ArrayList<>();
        List<TfValue> values = new ArrayList<>();
        for (Variable v : template.variables()) {
            float[] raw = v.value().toFloatArray();
            float[] shadow = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                shadow[i] = raw[i] * 0.5f + 0.25f; // not the raw value, so the test sees which was loaded
            }
            names.add(v.name());
            values.add(floats(raw, v.value().dims()));
            names.add(v.name() + "/ExponentialMovingAverage");
            values.add(floats(shadow, v.value().dims()));
        }
        names.add("global_step");
        values.add(TfValue.numeric(DataType.DT_INT64, new long[0], ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(500).array()));
        String prefix = tmp.resolve("tf/model.ckpt-500").toString();
        Files.createDirectories(tmp.resolve("tf"));
        tensorFlow.save(prefix, names, values);

        Path job = tmp.resolve("warm");
        String out = run(job, 1, prefix);
        assertTrue(out.contains("loaded from <name>/ExponentialMovingAverage"), out);
        Map<String, CheckpointValue> checkpoint = BundleReader.open(job.resolve("checkpoints/model.ckpt-1").toString()).readAll(n -> true);
        // After one step the average is s0 - (1 - 2/11)(s0 - w1), s0 the loaded shadow: it started from the warm-started weights.
        float oneMinusDecay = 1f - WeightAverage.effectiveDecay(0.9999f, 1);
        for (Variable v : template.variables()) {
            float[] raw = v.value().toFloatArray();
            float[] trained = checkpoint.get(v.name()).tensor().toFloatArray();
            float[] averaged = checkpoint.get(v.name() + "/ExponentialMovingAverage").tensor().toFloatArray();
            float[] expected = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                float start = raw[i] * 0.5f + 0.25f;
                expected[i] = start - (start - trained[i]) * oneMinusDecay;
            }
            assertArrayEquals(expected, averaged, 1e-6f, v.name());
        }
        assertFalse(Arrays.equals(template.variables().get(0).value().toFloatArray(),
                checkpoint.get(template.variables().get(0).name()).tensor().toFloatArray()), "the stem kernel trained");
    }

    private static TfValue floats(float[] values, int[] dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : values) {
            bytes.putFloat(f);
        }
        return TfValue.numeric(DataType.DT_FLOAT, Arrays.stream(dims).asLongStream().toArray(), bytes.array());
    }

    /** An EfficientNet-B0 job at 32x32 that evaluates, checkpoints and exports a real SavedModel at its last step. */
    private static String run(Path jobDir, int maxSteps, String pretrained) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("--training_data_path=" + data.trainingPattern(),
                "--validation_data_path=" + data.validationPattern(), "--job-dir=" + jobDir, "--num_classes=" + data.numClasses(),
                "--max_steps=" + maxSteps, "--train_batch_size=4", "--image_size=32", "--model_type=efficientnet-b0",
                "--initial_learning_rate=0.05", "--seed=3", "--num_eval_images=8", "--eval_every_steps=" + maxSteps));
        if (pretrained != null) {
            args.add("--pretrained_checkpoint_path=" + pretrained);
        }
        ModelExporter exporter = (model, imageSize, padding, dir, assets) -> SavedModelExporter.export(model, imageSize, padding, Path.of(dir), assets);
        TrainingJob.run(TrainingArguments.parseConfig(args.toArray(String[]::new)), new JobEnvironment(out, Map.of(), exporter,
                (model, checkpoint, o) -> o.print(WarmStart.initialize(model, checkpoint).format())));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().filter(l -> l.startsWith("exported the best model")).count(), text);
        return text;
    }
}
