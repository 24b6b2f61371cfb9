package dev.imgcls.export.warmstart;

import dev.imgcls.export.checkpoint.BundleWriter;
import dev.imgcls.export.checkpoint.CheckpointManager;
import dev.imgcls.export.checkpoint.CheckpointValue;
import dev.imgcls.io.FileSystems;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.Variable;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Warm starts from checkpoints of earlier imgcls jobs, written with CheckpointManager as the trainer writes them. */
class WarmStartFromOwnCheckpointTest {

    @TempDir
    Path dir;

    /** What the trainer saves: the model's variables, a Momentum slot per trainable variable, and the step. */
    private static Map<String, CheckpointValue> trainerCheckpoint(Model model, long step) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Variable v : model.variables()) {
            tensors.put(v.name(), v.value());
        }
        for (Variable v : model.trainableVariables()) {
            tensors.put(v.name() + "/Momentum", Tensor.full(v.value().dtype(), 0.25, v.shape().dims()));
        }
        tensors.put("global_step", Tensor.ofLongs(new long[] {step}));
        return CheckpointValue.ofTensors(tensors);
    }

    private static boolean isHead(Variable v) {
        return v.name().contains("/head/dense/");
    }

    private static void assertWarmStartedFrom(Model source, Model model, Map<String, byte[]> freshHead) {
        for (Variable v : model.variables()) {
            if (isHead(v)) {
                assertArrayEquals(freshHead.get(v.name()), ReferenceCheckpoints.rawBytes(v), v.name() + " keeps its fresh initialisation");
            } else {
                assertArrayEquals(ReferenceCheckpoints.rawBytes(source.variable(v.name())), ReferenceCheckpoints.rawBytes(v), v.name());
            }
        }
    }

    private static Map<String, byte[]> head(Model model) {
        Map<String, byte[]> head = new LinkedHashMap<>();
        for (Variable v : model.variables()) {
            if (isHead(v)) {
                head.put(v.name(), ReferenceCheckpoints.rawBytes(v));
            }
        }
        return head;
    }

    @Test
    void anEarlierJobsLatestCheckpointWarmStartsAModelForOtherClasses() throws IOException {
        Path jobDir = dir.resolve("flowers-job");
        Model atStep100 = ModelFactory.create("efficientnet-b0", 5, 31);
        Model atStep200 = ModelFactory.create("efficientnet-b0", 5, 32);
        CheckpointManager checkpoints = new CheckpointManager(jobDir.resolve("checkpoints").toString(), 3);
        checkpoints.save(100, trainerCheckpoint(atStep100, 100));
        checkpoints.save(200, trainerCheckpoint(atStep200, 200));

        Model model = ModelFactory.create("efficientnet-b0", 3, 33);
        Map<String, byte[]> freshHead = head(model);
        WarmStartReport report = WarmStart.initialize(model, jobDir.toString());

        assertEquals(jobDir.resolve("checkpoints/model.ckpt-200").toString(), report.checkpoint(), "the job's latest checkpoint");
        assertWarmStartedFrom(atStep200, model, freshHead);
        assertEquals(model.variables().size() - 2, report.loaded().size());
        assertEquals(List.of("[1280,5] -> [1280,3]", "[5] -> [3]"), report.shapeMismatches().stream()
                .map(l -> ShapeText.of(l.checkpointShape()) + " -> " + ShapeText.of(l.modelShape())).toList());
        assertEquals(Map.of("Momentum", model.trainableVariables().size(), "global_step", 1), report.ignoredOptimizerState());
        assertTrue(report.unusedCheckpointVariables().isEmpty());
    }

    @Test
    void aJobDirectoryOnCloudStorageWarmStartsTheSameWay() throws IOException {
        FileSystems fileSystems = GcsOnLocalDisk.fileSystems(dir);
        Model source = ModelFactory.create("efficientnet-b0", 7, 34);
        new CheckpointManager(fileSystems, "gs://bucket/jobs/run-1/checkpoints", CheckpointManager.DEFAULT_BASENAME, 5, Clock.systemUTC())
                .save(1500, trainerCheckpoint(source, 1500));

        Model model = ModelFactory.create("efficientnet-b0", 2, 35);
        Map<String, byte[]> freshHead = head(model);
        WarmStartReport report = WarmStart.initialize(fileSystems, model, "gs://bucket/jobs/run-1/");

        assertEquals("gs://bucket/jobs/run-1/checkpoints/model.ckpt-1500", report.checkpoint());
        assertWarmStartedFrom(source, model, freshHead);
    }

    @Test
    void aDeeperResNetsCheckpointIsRefusedEvenThoughMostOfItWouldLoad() throws IOException {
        Model resnet101 = ModelFactory.create("resnet-101", 1000, 36);
        String prefix = dir.resolve("resnet-101/model.ckpt-1000").toString();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Variable v : resnet101.variables()) {
            tensors.put(v.name(), v.value());
        }
        try (BundleWriter writer = BundleWriter.create(prefix)) {
            for (var e : tensors.entrySet()) {
                writer.add(e.getKey(), e.getValue());
            }
            writer.finish();
        }

        Model model = ModelFactory.create("resnet-50", 10, 37);
        IncompatibleCheckpointException e = assertThrows(IncompatibleCheckpointException.class, () -> WarmStart.initialize(model, prefix));

        // ResNet-50's convs 0-42 (stem, groups 1-3) match ResNet-101's, each with its batch norm's 4 variables; its fourth
        // group (convs 43-52) meets ResNet-101's third-group shapes: 43 * 5 of 53 * 5 would load.
        assertTrue(e.getMessage().contains("only 215 of its 265 variables outside the classifier head"), e.getMessage());
        assertTrue(e.getMessage().contains("This checkpoint looks like resnet-101 (104 convolutions, 2048 pooled features); you asked"
                + " for resnet-50"), e.getMessage());
    }

    @Test
    void aMissingDataFileFailsBeforeAnyVariableChanges() throws IOException {
        Model source = ModelFactory.create("efficientnet-b0", 4, 38);
        CheckpointManager checkpoints = new CheckpointManager(dir.resolve("checkpoints").toString(), 1);
        String prefix = checkpoints.save(10, trainerCheckpoint(source, 10));
        Files.delete(Path.of(prefix + ".data-00000-of-00001"));

        Model model = ModelFactory.create("efficientnet-b0", 4, 39);
        byte[] stem = ReferenceCheckpoints.rawBytes(model.variable("efficientnet-b0/stem/conv2d/kernel"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> WarmStart.initialize(model, prefix));

        assertTrue(e.getMessage().contains("data file of checkpoint " + prefix + " is missing"), e.getMessage());
        assertArrayEquals(stem, ReferenceCheckpoints.rawBytes(model.variable("efficientnet-b0/stem/conv2d/kernel")));
    }
}
