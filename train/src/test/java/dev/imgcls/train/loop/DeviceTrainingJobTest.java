package dev.imgcls.train.loop;

import dev.imgcls.export.checkpoint.BundleReader;
import dev.imgcls.export.checkpoint.CheckpointValue;
import dev.imgcls.export.savedmodel.ExportedModel;
import dev.imgcls.export.savedmodel.SavedModelExporter;
import dev.imgcls.export.warmstart.WarmStart;
import dev.imgcls.kernels.testing.SimulatedDeviceBackend;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.Variable;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.spi.Backend;
import dev.imgcls.train.cli.TrainingArguments;
import dev.imgcls.train.demo.PatternDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole training job with {@code --device=gpu} on the simulated GPU: training steps, evaluations,
 * checkpoints, the SavedModel export and a stop-and-resume, against the same job on the CPU.
 * EfficientNet-B0, so dropout and drop-connect masks, squeeze-excite and depthwise convolutions run
 * on the device too. The simulated device runs the CPU's kernels, so every number must agree bit for bit.
 */
class DeviceTrainingJobTest {
    @TempDir
    static Path tmp;
    static PatternDataset.Written data;

    @BeforeAll
    static void data() throws IOException {
        data = PatternDataset.write(tmp.resolve("data"), 8, 24, 2, 5);
    }

    @Test
    void aGpuJobStoppedAndResumedEndsWhereTheCpuJobEnds() throws IOException {
        Path cpuJob = tmp.resolve("cpu");
        String cpuOut = run(cpuJob, "cpu", StopRequest.NEVER, new SimulatedDeviceBackend());
        assertTrue(cpuOut.contains("device: CPU (--device=cpu)"), cpuOut);

        Path gpuJob = tmp.resolve("gpu");
        SimulatedDeviceBackend gpu = new SimulatedDeviceBackend();
        String firstPart = run(gpuJob, "gpu", step -> step == 2, gpu);
        assertTrue(firstPart.contains("device: GPU (--device=gpu), simulated-gpu backend"), firstPart);
        assertTrue(firstPart.contains("stopped at step 2 of 4"), firstPart);
        int variables = ModelFactory.create("efficientnet-b0", data.numClasses(), 1).variables().size();
        long tensorsCopiedBack = gpu.downloads().stream().filter(t -> t.elements() > 1).count();
        assertTrue(tensorsCopiedBack >= variables, "the checkpoint read " + tensorsCopiedBack + " tensors back from the device");
        SimulatedDeviceBackend resumedGpu = new SimulatedDeviceBackend();
        String secondPart = run(gpuJob, "gpu", StopRequest.NEVER, resumedGpu);
        assertTrue(secondPart.contains("resuming from " + gpuJob.resolve("checkpoints/model.ckpt-2") + " at step 2"), secondPart);
        long tensorsLoaded = resumedGpu.uploads().stream().filter(t -> t.elements() > 1).count();
        assertTrue(tensorsLoaded >= variables, "the restored checkpoint went to the device: " + tensorsLoaded + " tensors uploaded");

        assertSameCheckpoint(cpuJob.resolve("checkpoints/model.ckpt-4"), gpuJob.resolve("checkpoints/model.ckpt-4"));
        assertSameVariables(ExportedModel.load(cpuJob.resolve("model")).model(), ExportedModel.load(gpuJob.resolve("model")).model());
        assertEquals(Files.readString(cpuJob.resolve("final_metrics.json")), Files.readString(gpuJob.resolve("final_metrics.json")));
    }

    /** The job averages its weights (EfficientNet's default): a warm start loads the averages, as from TF's checkpoints. */
    @Test
    void aWarmStartLoadsTheCheckpointOntoTheDevice() throws IOException {
        Path job = tmp.resolve("warm-source");
        run(job, "cpu", step -> step == 1, new SimulatedDeviceBackend());
        String checkpoint = job.resolve("checkpoints/model.ckpt-1").toString();
        Map<String, CheckpointValue> saved = BundleReader.open(checkpoint).readAll(n -> true);
        try (Autograd.Scope device = Backends.use(new SimulatedDeviceBackend())) {
            Model model = ModelFactory.create("efficientnet-b0", data.numClasses(), 99);
            model.moveTo(SimulatedDeviceBackend.DEVICE);
            WarmStart.initialize(model, checkpoint);
            for (Variable v : model.variables()) {
                assertEquals(SimulatedDeviceBackend.DEVICE, v.device(), v.name());
                assertArrayEquals(saved.get(v.name() + "/ExponentialMovingAverage").tensor().toDoubleArray(), v.value().toDoubleArray(), 0,
                        v.name());
            }
        }
    }

    private static void assertSameCheckpoint(Path expectedPrefix, Path actualPrefix) throws IOException {
        Map<String, CheckpointValue> expected = BundleReader.open(expectedPrefix.toString()).readAll(n -> true);
        Map<String, CheckpointValue> actual = BundleReader.open(actualPrefix.toString()).readAll(n -> true);
        assertEquals(expected.keySet(), actual.keySet());
        assertTrue(expected.keySet().stream().anyMatch(n -> n.endsWith("/Momentum")), "optimizer slots are checkpointed");
        assertTrue(expected.keySet().stream().anyMatch(n -> n.endsWith("moving_variance")), "moving statistics are checkpointed");
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name).tensor().toDoubleArray(), actual.get(name).tensor().toDoubleArray(), name);
        }
    }

    private static void assertSameVariables(Model expected, Model actual) {
        List<Variable> e = expected.variables();
        List<Variable> a = actual.variables();
        assertEquals(e.size(), a.size());
        for (int i = 0; i < e.size(); i++) {
            assertEquals(Device.CPU, a.get(i).device());
            assertArrayEquals(e.get(i).value().toDoubleArray(), a.get(i).value().toDoubleArray(), e.get(i).name());
        }
    }

    /** Four steps, evaluating and checkpointing every two, the best model exported as a real SavedModel. */
    private static String run(Path jobDir, String device, StopRequest stop, SimulatedDeviceBackend gpu) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<Backend> backends = List.of(Backends.forDevice(Device.CPU), gpu);
        ModelExporter exporter = (model, imageSize, padding, dir, assets) -> SavedModelExporter.export(model, imageSize, padding,
                Path.of(dir), assets);
        TrainingJob.run(TrainingArguments.parseConfig("--training_data_path=" + data.trainingPattern(),
                "--validation_data_path=" + data.validationPattern(), "--job-dir=" + jobDir, "--num_classes=" + data.numClasses(),
                "--max_steps=4", "--train_batch_size=4", "--image_size=32", "--model_type=efficientnet-b0",
                "--initial_learning_rate=0.01", "--eval_every_steps=2", "--checkpoint_every_steps=2", "--seed=17", "--device=" + device),
                new JobEnvironment(out, Map.of("CLOUD_ML_HP_METRIC_FILE", tmp.resolve("hp.metrics").toString()), exporter,
                        (m, p, o) -> o.print(WarmStart.initialize(m, p).format()), stop, backends));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
