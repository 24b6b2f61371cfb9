package dev.imgcls.export.warmstart;

import dev.imgcls.export.checkpoint.TensorFlowCheckpoints;
import dev.imgcls.export.checkpoint.TensorFlowCheckpoints.TfValue;
import dev.imgcls.export.checkpoint.UnsupportedCheckpointException;
import dev.imgcls.export.proto.DataType;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.Variable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Warm starts from checkpoints written by TensorFlow 2.18's SaveV2 with the reference models'
 * names and layouts: the TPU ResNet-50 (with Momentum slots), the reference EfficientNet-B0
 * (moving-average shadows, RMSProp slots), a RetinaNet-style {@code resnet50/} scope, and the
 * checkpoints that must be refused.
 */
class WarmStartFromTensorFlowTest {

    @TempDir
    static Path dir;

    private static TensorFlowCheckpoints tensorFlow;

    /** TPU ResNet-50 training checkpoint: raw variables (1000 classes), Momentum slots, global_step. */
    private static Map<String, TfValue> resnet50;
    private static String resnet50Prefix;

    /** Reference EfficientNet-B0 (1000 classes), unpacked as Google's archive: raw, EMA shadows, RMSProp slots, global_step. */
    private static Map<String, TfValue> b0;
    private static Path b0Directory;

    @BeforeAll
    static void writeReferenceCheckpoints() throws IOException {
        tensorFlow = new TensorFlowCheckpoints();

        Model resnetTemplate = ModelFactory.create("resnet-50", 1000, 1);
        resnet50 = ReferenceCheckpoints.variables(resnetTemplate, "", 2);
        Map<String, TfValue> all = new LinkedHashMap<>(resnet50);
        all.putAll(ReferenceCheckpoints.shadows(resnet50, ReferenceCheckpoints.trainable(resnetTemplate, ""), "Momentum", 3));
        all.put("global_step", ReferenceCheckpoints.globalStep(112603));
        resnet50Prefix = dir.resolve("resnet-nhwc-2018-02-07/model.ckpt-112603").toString();
        ReferenceCheckpoints.save(tensorFlow, resnet50Prefix, all);

        Model b0Template = ModelFactory.create("efficientnet-b0", 1000, 1);
        b0 = ReferenceCheckpoints.variables(b0Template, "", 4);
        all = new LinkedHashMap<>(b0);
        all.putAll(ReferenceCheckpoints.shadows(b0, ReferenceCheckpoints.all(b0Template, ""), "ExponentialMovingAverage", 5));
        all.putAll(ReferenceCheckpoints.shadows(b0, ReferenceCheckpoints.trainable(b0Template, ""), "RMSProp", 6));
        all.putAll(ReferenceCheckpoints.shadows(b0, ReferenceCheckpoints.trainable(b0Template, ""), "RMSProp_1", 7));
        all.put("global_step", ReferenceCheckpoints.globalStep(218949));
        b0 = all;
        b0Directory = dir.resolve("efficientnet-b0");
        ReferenceCheckpoints.save(tensorFlow, b0Directory.resolve("model.ckpt").toString(), all);
        // The state file as the published archive has it: an absolute path from the machine that trained it.
        Files.writeString(b0Directory.resolve("checkpoint"), "model_checkpoint_path: \"/tmp/efficientnet-b0/model.ckpt\"\n"
                + "all_model_checkpoint_paths: \"/tmp/efficientnet-b0/model.ckpt\"\n");
    }

    @Test
    void resnet50ReferenceCheckpointLoadsEveryVariableBitwise() throws IOException {
        Model model = ModelFactory.create("resnet-50", 1000, 8);
        WarmStartReport report = WarmStart.initialize(model, resnet50Prefix);

        assertEquals(resnet50Prefix, report.checkpoint());
        assertTrue(report.mapping().isNone());
        assertEquals("resnet-50", report.checkpointLooksLike().modelType());
        assertEquals(model.variables().size(), report.loaded().size(), "every variable, moving statistics included");
        assertTrue(report.loadedFromEma().isEmpty() && report.missing().isEmpty() && report.shapeMismatches().isEmpty());
        assertTrue(report.unusedCheckpointVariables().isEmpty(), report.unusedCheckpointVariables().toString());
        assertEquals(Map.of("Momentum", model.trainableVariables().size(), "global_step", 1), report.ignoredOptimizerState());
        assertTrue(model.variables().stream().anyMatch(v -> v.name().equals("batch_normalization_52/moving_variance")));
        for (Variable v : model.variables()) {
            ReferenceCheckpoints.assertHolds(resnet50.get(v.name()), v);
        }
    }

    @Test
    void resnet50HeadKeepsItsFreshInitialisationForAnotherNumClasses() throws IOException {
        Model model = ModelFactory.create("resnet-50", 10, 9);
        byte[] freshKernel = ReferenceCheckpoints.rawBytes(model.variable("dense/kernel"));
        byte[] freshBias = ReferenceCheckpoints.rawBytes(model.variable("dense/bias"));

        WarmStartReport report = WarmStart.initialize(model, resnet50Prefix);

        assertEquals(List.of("dense/kernel", "dense/bias"), report.shapeMismatches().stream().map(VariableLoad::variable).toList());
        VariableLoad kernel = report.shapeMismatches().get(0);
        assertArrayEquals(new long[] {2048, 1000}, kernel.checkpointShape());
        assertArrayEquals(new int[] {2048, 10}, kernel.modelShape());
        assertArrayEquals(freshKernel, ReferenceCheckpoints.rawBytes(model.variable("dense/kernel")));
        assertArrayEquals(freshBias, ReferenceCheckpoints.rawBytes(model.variable("dense/bias")));
        assertEquals(model.variables().size() - 2, report.loaded().size());
        for (Variable v : model.variables()) {
            if (!v.name().startsWith("dense/")) {
                ReferenceCheckpoints.assertHolds(resnet50.get(v.name()), v);
            }
        }
    }

    @Test
    void efficientNetB0LoadsTheMovingAverageShadowsAndKeepsA10ClassHeadFresh() throws IOException {
        Model model = ModelFactory.create("efficientnet-b0", 10, 10);
        byte[] freshKernel = ReferenceCheckpoints.rawBytes(model.variable("efficientnet-b0/head/dense/kernel"));

        WarmStartReport report = WarmStart.initialize(model, b0Directory.toString());
        System.out.print(report.format());

        assertEquals(b0Directory.resolve("model.ckpt").toString(), report.checkpoint(), "the unpacked archive's directory");
        assertEquals("efficientnet-b0", report.checkpointLooksLike().modelType());
        assertEquals(model.variables().size() - 2, report.loadedFromEma().size());
        assertTrue(report.loaded().isEmpty(), "a shadow exists for every variable");
        assertEquals(List.of("efficientnet-b0/head/dense/kernel", "efficientnet-b0/head/dense/bias"),
                report.shapeMismatches().stream().map(VariableLoad::variable).toList());
        assertEquals("efficientnet-b0/head/dense/kernel/ExponentialMovingAverage", report.shapeMismatches().get(0).checkpointName());
        assertTrue(report.unusedCheckpointVariables().isEmpty(), report.unusedCheckpointVariables().toString());
        int trainable = model.trainableVariables().size();
        assertEquals(Map.of("RMSProp", trainable, "RMSProp_1", trainable, "global_step", 1), report.ignoredOptimizerState());
        assertArrayEquals(freshKernel, ReferenceCheckpoints.rawBytes(model.variable("efficientnet-b0/head/dense/kernel")));
        for (Variable v : model.variables()) {
            if (!v.name().contains("/head/dense/")) {
                TfValue ema = b0.get(v.name() + "/ExponentialMovingAverage");
                ReferenceCheckpoints.assertHolds(ema, v);
                assertFalse(Arrays.equals(b0.get(v.name()).raw(), ema.raw()), "raw and shadow values differ");
            }
        }
        String table = report.format();
        assertTrue(table.contains("efficientnet-b0/head/dense/kernel  [1280,1000] -> [1280,10]"), table);
        assertTrue(table.contains("(RMSProp " + trainable + ", RMSProp_1 " + trainable + ", global_step 1)"), table);
    }

    @Test
    void efficientNetB0HeadLoadsFromItsShadowWhenNumClassesMatches() throws IOException {
        Model model = ModelFactory.create("efficientnet-b0", 1000, 11);
        WarmStartReport report = WarmStart.initialize(model, b0Directory.resolve("model.ckpt").toString());

        assertEquals(model.variables().size(), report.loadedFromEma().size());
        for (String head : List.of("efficientnet-b0/head/dense/kernel", "efficientnet-b0/head/dense/bias")) {
            ReferenceCheckpoints.assertHolds(b0.get(head + "/ExponentialMovingAverage"), model.variable(head));
        }
    }

    @Test
    void aResNet50UnderARetinaNetScopeLoadsThroughThePrefixMapping() throws IOException {
        Model template = ModelFactory.create("resnet-50", 1000, 1);
        Map<String, TfValue> scoped = ReferenceCheckpoints.variables(template, "resnet50/", 12);
        Map<String, TfValue> all = new LinkedHashMap<>(scoped);
        SplittableRandom random = new SplittableRandom(13);
        all.put("fpn/post_hoc_d3/kernel", ReferenceCheckpoints.randomFloats(random, 1, 1, 512, 256));
        all.put("class_net/class-predict/bias", ReferenceCheckpoints.randomFloats(random, 810));
        all.putAll(ReferenceCheckpoints.shadows(scoped, List.of("resnet50/conv2d/kernel", "resnet50/dense/bias"), "Momentum", 14));
        all.put("global_step", ReferenceCheckpoints.globalStep(22500));
        String prefix = dir.resolve("retinanet/model.ckpt-22500").toString();
        ReferenceCheckpoints.save(tensorFlow, prefix, all);

        Model model = ModelFactory.create("resnet-50", 1000, 15);
        WarmStartReport report = WarmStart.initialize(model, prefix);

        assertEquals(new NameMapping("resnet50/"), report.mapping());
        assertTrue(report.format().contains("name mapping: 'resnet50/' + the model's names"), report.format());
        assertEquals(model.variables().size(), report.loaded().size());
        assertEquals(List.of("class_net/class-predict/bias", "fpn/post_hoc_d3/kernel"), report.unusedCheckpointVariables());
        assertEquals(Map.of("Momentum", 2, "global_step", 1), report.ignoredOptimizerState());
        for (Variable v : model.variables()) {
            ReferenceCheckpoints.assertHolds(scoped.get("resnet50/" + v.name()), v);
        }
    }

    @Test
    void aResNet50CheckpointDoesNotWarmStartAResNet18() {
        Model model = ModelFactory.create("resnet-18", 10, 16);
        byte[] stem = ReferenceCheckpoints.rawBytes(model.variable("conv2d/kernel"));

        IncompatibleCheckpointException e = assertThrows(IncompatibleCheckpointException.class,
                () -> WarmStart.initialize(model, resnet50Prefix));

        assertTrue(e.getMessage().contains("This checkpoint looks like resnet-50 (53 convolutions, 2048 pooled features); you asked"
                + " for resnet-18. Pass --model_type=resnet-50"), e.getMessage());
        assertTrue(e.getMessage().contains("conv2d_1/kernel is [1,1,64,256] in the checkpoint, [1,1,64,64] in the model"), e.getMessage());
        assertArrayEquals(stem, ReferenceCheckpoints.rawBytes(model.variable("conv2d/kernel")),
                "nothing is assigned, not even the stem, whose shape matches");
    }

    @Test
    void anEfficientNetB3CheckpointDoesNotWarmStartAB0() throws IOException {
        Model template = ModelFactory.create("efficientnet-b3", 1000, 1);
        Map<String, TfValue> values = new LinkedHashMap<>(ReferenceCheckpoints.variables(template, "", 17));
        values.put("global_step", ReferenceCheckpoints.globalStep(1));
        String prefix = dir.resolve("efficientnet-b3/model.ckpt").toString();
        ReferenceCheckpoints.save(tensorFlow, prefix, values);

        IncompatibleCheckpointException e = assertThrows(IncompatibleCheckpointException.class,
                () -> WarmStart.initialize(ModelFactory.create("efficientnet-b0", 10, 18), prefix));

        assertTrue(e.getMessage().contains("only 0 of its 309 variables outside the classifier head"), e.getMessage());
        assertTrue(e.getMessage().contains("looks like efficientnet-b3 (26 blocks, stem width 40, head width 1536); you asked for"
                + " efficientnet-b0"), e.getMessage());
        assertTrue(e.getMessage().contains("efficientnet-b0/stem/conv2d/kernel is not in the checkpoint"), e.getMessage());
    }

    @Test
    void aPartitionedVariableIsNamedInTheError() throws IOException {
        Model template = ModelFactory.create("efficientnet-b0", 10, 1);
        List<String> names = new ArrayList<>();
        List<String> slices = new ArrayList<>();
        List<TfValue> values = new ArrayList<>();
        ReferenceCheckpoints.variables(template, "", 19).forEach((name, value) -> {
            names.add(name);
            boolean sliced = name.equals("efficientnet-b0/stem/conv2d/kernel");
            slices.add(sliced ? "3 3 3 32 -:-:-:0,16" : "");
            values.add(sliced ? ReferenceCheckpoints.randomFloats(new SplittableRandom(20), 3, 3, 3, 16) : value);
        });
        String prefix = dir.resolve("partitioned/model.ckpt-5").toString();
        tensorFlow.save(prefix, names, slices, values);

        UnsupportedCheckpointException e = assertThrows(UnsupportedCheckpointException.class,
                () -> WarmStart.initialize(ModelFactory.create("efficientnet-b0", 10, 21), prefix));

        assertTrue(e.getMessage().contains("as partitioned variables, which imgcls does not read: 'efficientnet-b0/stem/conv2d/kernel'"
                + " (1 slice of [3,3,3,32])"), e.getMessage());
    }

    @Test
    void aVariableOfAnotherDtypeIsNamedInTheError() throws IOException {
        Model template = ModelFactory.create("efficientnet-b0", 10, 1);
        Map<String, TfValue> values = new LinkedHashMap<>(ReferenceCheckpoints.variables(template, "", 22));
        String gamma = "efficientnet-b0/blocks_3/tpu_batch_normalization_1/gamma";
        int channels = (int) values.get(gamma).dims()[0];
        ByteBuffer doubles = ByteBuffer.allocate(channels * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < channels; i++) {
            doubles.putDouble(1.0 + i);
        }
        values.put(gamma, TfValue.numeric(DataType.DT_DOUBLE, new long[] {channels}, doubles.array()));
        String prefix = dir.resolve("float64/model.ckpt-5").toString();
        ReferenceCheckpoints.save(tensorFlow, prefix, values);

        IncompatibleCheckpointException e = assertThrows(IncompatibleCheckpointException.class,
                () -> WarmStart.initialize(ModelFactory.create("efficientnet-b0", 10, 23), prefix));

        assertTrue(e.getMessage().contains("'" + gamma + "' is DT_DOUBLE in the checkpoint, FLOAT32 (DT_FLOAT) in the model"),
                e.getMessage());
    }
}
