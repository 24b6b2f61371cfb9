package dev.imgcls.train.bench;

import dev.imgcls.data.example.ImageExampleBuilder;
import dev.imgcls.data.preprocess.ImagePreprocessor;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.TFRecordWriter;
import dev.imgcls.kernels.testing.SimulatedDeviceBackend;
import dev.imgcls.nn.Mode;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.profile.OpKind;
import dev.imgcls.tensor.profile.OpStats;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.DeviceChoice;
import dev.imgcls.train.command.Main;
import dev.imgcls.train.loop.DeviceSelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench --mode=infer}: an eval-mode forward without gradients per step, as the PyTorch peer's infer mode. */
class BenchInferenceTest {
    private static final String[] TINY = {"--mode=infer", "--model_type=resnet-18", "--image_size=32", "--train_batch_size=2",
            "--warmup_steps=1", "--steps=2", "--num_classes=10"};

    @Test
    void anInferenceStepIsAForwardPassOnlyAndRecyclesItsMemory() throws Exception {
        BenchResult r = new BenchRun(BenchOptions.parse(TINY), DeviceSelection.resolve(DeviceChoice.CPU, List.of()), quiet()).execute();

        assertEquals(2, r.stepNanos().length);
        assertTrue(Arrays.stream(r.stepNanos()).allMatch(t -> t > 0));
        assertTrue(r.imagesPerSecond() > 0 && Double.isFinite(r.imagesPerSecond()));
        assertTrue(Double.isFinite(r.firstValue()) && r.firstValue() != 0, "mean logit " + r.firstValue());
        // Eval mode is deterministic: the same synthetic batch gives the same logits every step, those of an
        // evaluation-mode forward of the same model (train mode's batch statistics would give others).
        assertEquals(r.firstValue(), r.lastValue());
        try (MemoryScope scope = MemoryScope.open(); SyntheticBatches batches = new SyntheticBatches(2, 32, 10, 1)) {
            float[] logits = ModelFactory.create("resnet-18", 10, 1).forward(batches.next().images(), Mode.EVAL).toFloatArray();
            double sum = 0;
            for (float v : logits) {
                sum += v;
            }
            assertEquals(sum / logits.length, r.firstValue());
        }

        var kinds = r.profile().kinds();
        assertEquals(2 * 21, kinds.get(OpKind.CONV_FORWARD).calls(), "ResNet-18's 21 convolutions once per step");
        assertTrue(kinds.containsKey(OpKind.MATMUL), "the classifier");
        for (OpKind k : List.of(OpKind.CONV_BACKWARD_DATA, OpKind.CONV_BACKWARD_FILTER, OpKind.LOSS, OpKind.OPTIMIZER)) {
            assertFalse(kinds.containsKey(k), "an inference step runs no " + k + ": " + kinds.keySet());
        }
        for (OpStats op : r.profile().ops()) {
            assertFalse(op.name().contains("backprop") || op.name().contains("_grad") || op.name().startsWith("apply_"),
                    "gradient or update op in an inference step: " + op.name());
        }
        // Every op output of the measured steps reuses an array the step before released: nothing outlives its step.
        assertEquals(0, r.freshPooledArrays(), "large arrays newly allocated during the measured steps");
    }

    @Test
    void reportSaysInferenceAndPrintsTheThroughputLineTheHarnessReads() {
        Output o = run(TINY);
        assertEquals(BenchCommand.OK, o.code, o.err);
        String first = o.out.lines().findFirst().orElse("");
        assertTrue(first.contains("inference throughput of resnet-18") && first.contains("eval mode, no gradients"), first);
        assertFalse(o.out.contains("optimizer"), o.out);
        // side-by-side.sh: grep -oE 'throughput: [0-9.]+'
        assertTrue(Pattern.compile("(?m)^throughput: [0-9.]+ images/s").matcher(o.out).find(), o.out);
        for (String section : List.of("inference step = forward (eval mode", "mean logit:", "time by op kind", "conv forward",
                "top ops", "peak heap")) {
            assertTrue(o.out.contains(section), "missing '" + section + "' in:\n" + o.out);
        }
        assertFalse(o.out.contains("backward"), o.out);
        assertTrue(o.err.contains("measured step 2/2") && o.err.contains("mean logit"), o.err);

        Output train = run(Arrays.copyOfRange(TINY, 1, TINY.length));
        assertTrue(train.out.startsWith("== imgcls bench: training throughput of resnet-18") && train.out.contains("momentum optimizer"),
                train.out);
        Output help = run(new String[] {"--help"});
        assertTrue(help.out.contains("--mode=train|infer") && help.out.contains("inference throughput"), help.out);
    }

    @Test
    void onADeviceOnlyTheImagesGoUpAndOnlyTheLogitsComeBack() throws Exception {
        BenchOptions options = BenchOptions.parse(TINY);
        BenchResult cpu = new BenchRun(options, DeviceSelection.resolve(DeviceChoice.CPU, List.of()), quiet()).execute();
        SimulatedDeviceBackend gpu = new SimulatedDeviceBackend();
        BenchResult onGpu = new BenchRun(options, onSimulated(gpu), quiet()).execute();

        assertEquals(cpu.firstValue(), onGpu.firstValue(), "the simulated device runs the CPU's kernels");
        assertEquals(cpu.lastValue(), onGpu.lastValue());
        assertEquals(3, gpu.uploads().stream().filter(t -> t.elements() == 2 * 32 * 32 * 3).count(), "one image batch per step");
        assertTrue(gpu.uploads().stream().noneMatch(t -> t.dtype() == DType.INT32), "labels are not uploaded: " + gpu.uploads());
        assertEquals(List.of(logits(), logits(), logits()), gpu.downloads(), "the [2, 10] logits once per step, nothing else");

        // Device memory: a run of 3 more steps leaves no more storages behind (only the model's, equal in both runs).
        // Measured after the run above, which also made what the device keeps once per JVM (cached constants).
        long before = SimulatedDeviceBackend.liveStorages();
        new BenchRun(options, onSimulated(new SimulatedDeviceBackend()), quiet()).execute();
        long leftByShortRun = SimulatedDeviceBackend.liveStorages() - before;
        before = SimulatedDeviceBackend.liveStorages();
        new BenchRun(BenchOptions.parse(with(TINY, "--steps=5")), onSimulated(new SimulatedDeviceBackend()), quiet()).execute();
        assertEquals(leftByShortRun, SimulatedDeviceBackend.liveStorages() - before, "device storages left per step");
    }

    @Test
    void readsTfRecordsWithTheEvaluationPreprocessingPassAfterPass(@TempDir Path dir) throws IOException {
        List<byte[]> pngs = writeRecords(dir, 5);
        // 5 images make 2 batches of 2 per pass (the partial one is dropped); 1 + 3 steps take a second pass.
        Output o = run(with(with(TINY, "--data=" + dir.resolve("val-*")), "--steps=3"));
        assertEquals(BenchCommand.OK, o.code, o.err);
        assertTrue(o.out.contains("data (input wait)") && o.out.contains(dir.toString()), o.out);

        ImagePreprocessor eval = new ImagePreprocessor(32);
        float[] expected = new float[2 * eval.outputLength()];
        eval.eval(pngs.get(0), expected, 0);
        eval.eval(pngs.get(1), expected, eval.outputLength());
        try (MemoryScope scope = MemoryScope.open();
             RecordBatches batches = new RecordBatches(dir.resolve("val-*").toString(), 2, 32, 3, 1, 1, false)) {
            StepBatch first = batches.next();
            assertArrayEquals(expected, first.images().toFloatArray(), "records 0 and 1, center-cropped as evaluation does");
            assertArrayEquals(new int[] {0, 1}, first.labels().toIntArray());
            assertNotNull(batches.next());
            StepBatch again = batches.next();
            assertArrayEquals(expected, again.images().toFloatArray(), "the second pass starts from the first record again");
        }
    }

    @Test
    void tooFewRecordsForOneBatchFailWithTheReason(@TempDir Path dir) throws IOException {
        writeRecords(dir, 1);
        Output o = run(with(TINY, "--data=" + dir.resolve("val-*")));
        assertEquals(BenchCommand.FAILED, o.code);
        assertTrue(o.err.contains("holds fewer than 2 images") && o.err.contains("--train_batch_size"), o.err);
    }

    @Test
    void trainingOnlyFlagsAreRefusedWithInferAndModesAreChecked() {
        assertEquals(BenchMode.TRAIN, BenchOptions.parse(new String[] {"--model_type=resnet-18"}).mode());
        assertEquals(BenchMode.INFER, BenchOptions.parse(TINY).mode());
        ArgumentException e = assertThrows(ArgumentException.class, () -> BenchOptions.parse(new String[] {"--model_type=resnet-18",
                "--mode=infer", "--optimizer_type=adam", "--initial_learning_rate=0.1", "--weight_decay=0", "--label_smoothing=0.1"}));
        assertEquals(4, e.problems().size(), e.problems().toString());
        for (String flag : BenchOptions.TRAINING_ONLY) {
            assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("--" + flag + " has no effect with --mode=infer")
                    && p.contains("--mode=train")), flag + " in " + e.problems());
        }
        // The same flags are the training step's own.
        assertEquals(0.1, BenchOptions.parse(new String[] {"--model_type=resnet-18", "--mode=train", "--label_smoothing=0.1"})
                .labelSmoothing());
        ArgumentException bad = assertThrows(ArgumentException.class, () -> BenchOptions.parse(with(TINY, "--mode=eval")));
        assertTrue(bad.problems().get(0).startsWith("--mode 'eval' is not one of train, infer"), bad.problems().toString());
    }

    private static List<byte[]> writeRecords(Path dir, int n) throws IOException {
        List<byte[]> pngs = new ArrayList<>();
        try (TFRecordWriter w = TFRecordWriter.create(dir.resolve("val-00000-of-00001").toString(), Compression.NONE)) {
            for (int i = 0; i < n; i++) {
                pngs.add(BenchCommandTest.png(40 + i, 36, i));
                w.write(new ImageExampleBuilder().encoded(pngs.get(i)).label(i % 3).toByteArray());
            }
            w.commit();
        }
        return pngs;
    }

    private static SimulatedDeviceBackend.Transfer logits() {
        return new SimulatedDeviceBackend.Transfer(DType.FLOAT32, 2 * 10);
    }

    private static DeviceSelection onSimulated(SimulatedDeviceBackend gpu) {
        return DeviceSelection.resolve(DeviceChoice.GPU, List.of(Backends.forDevice(Device.CPU), gpu));
    }

    private static String[] with(String[] args, String arg) {
        String[] more = Arrays.copyOf(args, args.length + 1);
        more[args.length] = arg;
        return more;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    private record Output(int code, String out, String err) {
    }

    private static Output run(String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] command = new String[args.length + 1];
        command[0] = "bench";
        System.arraycopy(args, 0, command, 1, args.length);
        int code = Main.run(command, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
