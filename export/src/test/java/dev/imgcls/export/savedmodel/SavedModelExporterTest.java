package dev.imgcls.export.savedmodel;

import dev.imgcls.export.proto.AttrValue;
import dev.imgcls.export.proto.FunctionDef;
import dev.imgcls.export.proto.MetaGraphDef;
import dev.imgcls.export.proto.NodeDef;
import dev.imgcls.export.proto.SavedModel;
import dev.imgcls.export.proto.SignatureDef;
import dev.imgcls.export.proto.TensorInfo;
import dev.imgcls.nn.Mode;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The export directory and its saved_model.pb without TensorFlow: layout, proto content, reload, atomic replacement. */
class SavedModelExporterTest {
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9.][A-Za-z0-9_./]*");

    @TempDir
    Path tmp;

    @Test
    void writesOneSelfContainedServeMetaGraph() throws IOException {
        Path dir = tmp.resolve("model");
        SavedModelExporter.export(ModelFactory.create("resnet-18", 3, 1), 32, dir);
        assertEquals(Set.of("saved_model.pb", "assets.extra"), list(dir));
        assertEquals(Set.of("imgcls_model.json"), list(dir.resolve("assets.extra")));
        assertEquals(Set.of("model", ".model.versions"), list(tmp), "no temporary directories left behind");
        assertEquals(1, list(tmp.resolve(".model.versions")).size());
        assertTrue(Files.isSymbolicLink(dir), "model/ is a link to its version");

        SavedModel sm = SavedModel.parseFrom(Files.readAllBytes(dir.resolve("saved_model.pb")));
        assertEquals(1, sm.getSavedModelSchemaVersion());
        assertEquals(1, sm.getMetaGraphsCount());
        MetaGraphDef mg = sm.getMetaGraphs(0);
        assertEquals(List.of("serve"), mg.getMetaInfoDef().getTagsList());
        assertFalse(mg.hasSaverDef(), "weights are constants: nothing to restore");
        assertTrue(mg.getUnknownFields().asMap().isEmpty(), "no object_graph_def (field 7): loaders must take the TF1 path");
        assertTrue(mg.getCollectionDefMap().isEmpty());
        assertEquals(Set.of("serving_default"), mg.getSignatureDefMap().keySet());

        Map<String, NodeDef> nodes = new HashMap<>();
        for (NodeDef n : mg.getGraphDef().getNodeList()) {
            assertTrue(NODE_NAME.matcher(n.getName()).matches(), n.getName());
            assertEquals(null, nodes.put(n.getName(), n), "duplicate node " + n.getName());
        }
        for (NodeDef n : mg.getGraphDef().getNodeList()) {
            for (String in : n.getInputList()) {
                String source = in.replaceFirst("^\\^", "").replaceFirst(":\\d+$", "");
                assertTrue(nodes.containsKey(source), n.getName() + " reads missing " + in);
            }
            if (n.getOp().equals("Const")) {
                AttrValue value = n.getAttrOrThrow("value");
                assertEquals(n.getAttrOrThrow("dtype").getType(), value.getTensor().getDtype(), n.getName());
                value.getTensor().getTensorShape().getDimList().forEach(d -> assertTrue(d.getSize() >= 0, n.getName() + " has an unknown dimension"));
            }
        }
        SignatureDef sig = mg.getSignatureDefOrThrow("serving_default");
        assertEquals("tensorflow/serving/predict", sig.getMethodName());
        for (TensorInfo t : Stream.concat(sig.getInputsMap().values().stream(), sig.getOutputsMap().values().stream()).toList()) {
            assertTrue(t.getName().matches(".+:\\d+"), t.getName());
            assertTrue(nodes.containsKey(t.getName().replaceFirst(":\\d+$", "")), t.getName());
        }
        assertEquals("Placeholder", nodes.get("image_bytes").getOp());
        assertEquals("PlaceholderWithDefault", nodes.get("key").getOp());
        Set<String> functions = new HashSet<>();
        for (FunctionDef f : mg.getGraphDef().getLibrary().getFunctionList()) {
            functions.add(f.getSignature().getName());
        }
        assertEquals(Set.of("imgcls_decode_cond", "imgcls_decode_body", "imgcls_crop_jpeg", "imgcls_crop_decoded"), functions);
    }

    @Test
    void reloadRestoresEveryWeightExactly() throws IOException {
        Model original = TestModels.randomized("efficientnet-b0", 4, 2, TestImages.calibrationBatch(32));
        Path dir = tmp.resolve("model");
        SavedModelExporter.export(original, 40, dir);
        ExportedModel loaded = ExportedModel.load(dir);
        assertEquals(new ExportInfo("efficientnet-b0", 4, 40, Map.of()).modelType(), loaded.info().modelType());
        assertEquals(4, loaded.model().numClasses());
        assertEquals(40, loaded.info().imageSize());
        assertEquals(original.variables().size(), loaded.info().weightNodes().size());
        for (Variable v : original.variables()) {
            assertArrayEquals(v.value().toFloatArray(), loaded.model().variable(v.name()).value().toFloatArray(), v.name());
        }
        Tensor images = TestImages.calibrationBatch(40);
        assertArrayEquals(original.forward(images, Mode.EVAL).toFloatArray(), loaded.model().forward(images, Mode.EVAL).toFloatArray());
    }

    @Test
    void aSecondExportReplacesTheFirst() throws IOException {
        Path dir = tmp.resolve("job").resolve("model");
        SavedModelExporter.export(ModelFactory.create("efficientnet-b0", 2, 1), 32, dir);
        Model second = ModelFactory.create("efficientnet-b0", 2, 2);
        SavedModelExporter.export(second, 32, dir);
        Variable kernel = second.variables().get(0);
        assertArrayEquals(kernel.value().toFloatArray(), ExportedModel.load(dir).model().variable(kernel.name()).value().toFloatArray());
        assertEquals(Set.of("model", ".model.versions"), list(tmp.resolve("job")));
        assertEquals(2, list(tmp.resolve("job/.model.versions")).size(), "the current version and the one before it, for readers still loading it");
        SavedModelExporter.export(ModelFactory.create("efficientnet-b0", 2, 3), 32, dir);
        assertEquals(2, list(tmp.resolve("job/.model.versions")).size(), "older versions are removed at each switch");
    }

    @Test
    void aFailedExportLeavesThePreviousOneIntact() throws IOException {
        Path dir = tmp.resolve("model");
        SavedModelExporter.export(new OpCoverageModel(2, 32, 1), 32, dir);
        byte[] pb = Files.readAllBytes(dir.resolve("saved_model.pb"));
        byte[] json = Files.readAllBytes(dir.resolve(ExportInfo.FILE));

        // Killed half-way: saved_model.pb of the new export is written, its metadata is not.
        IOException e = assertThrows(IOException.class, () -> SavedModelExporter.export(new OpCoverageModel(2, 32, 2), 32, dir, file -> {
            if (file.endsWith(SavedModelExporter.SAVED_MODEL_FILE)) {
                throw new IOException("disk full (injected)");
            }
        }));
        assertEquals("disk full (injected)", e.getMessage());
        assertArrayEquals(pb, Files.readAllBytes(dir.resolve("saved_model.pb")));
        assertArrayEquals(json, Files.readAllBytes(dir.resolve(ExportInfo.FILE)));
        assertEquals(Set.of("model", ".model.versions"), list(tmp), "the partial version is removed");
        assertEquals(1, list(tmp.resolve(".model.versions")).size(), "the partial version is removed");

        // A model that cannot be exported fails before anything is written.
        Model unexportable = new Model("unexportable", 2) {
            @Override
            protected Tensor logits(Tensor x, Mode mode) {
                return dev.imgcls.tensor.ops.ShapeOps.transpose(x, 0, 2, 1, 3).mean(1, 2);
            }
        };
        assertThrows(IllegalArgumentException.class, () -> SavedModelExporter.export(unexportable, 32, dir));
        assertArrayEquals(pb, Files.readAllBytes(dir.resolve("saved_model.pb")));
        assertEquals(1, list(tmp.resolve(".model.versions")).size());
    }

    @Test
    void extraAssetsArePublishedWithTheModelAndChangeNothingElse() throws IOException {
        Path plain = tmp.resolve("plain");
        Path dir = tmp.resolve("model");
        Model model = ModelFactory.create("resnet-18", 3, 1);
        SavedModelExporter.export(model, 32, plain);
        SavedModelExporter.export(model, 32, dir, Map.of("provenance.json", "{\"seed\": 7}\n"));
        assertEquals(Set.of("imgcls_model.json", "provenance.json"), list(dir.resolve("assets.extra")));
        assertEquals("{\"seed\": 7}\n", Files.readString(dir.resolve("assets.extra/provenance.json")));
        assertArrayEquals(Files.readAllBytes(plain.resolve("saved_model.pb")), Files.readAllBytes(dir.resolve("saved_model.pb")));
        assertArrayEquals(Files.readAllBytes(plain.resolve(ExportInfo.FILE)), Files.readAllBytes(dir.resolve(ExportInfo.FILE)));
        assertEquals(3, ExportedModel.load(dir).info().numClasses());

        for (String bad : List.of("imgcls_model.json", "../x", "a/b", ".hidden", "")) {
            assertThrows(IllegalArgumentException.class, () -> SavedModelExporter.export(model, 32, dir, Map.of(bad, "x")), bad);
        }
        assertEquals(Set.of("imgcls_model.json", "provenance.json"), list(dir.resolve("assets.extra")), "a refused export changes nothing");
    }

    @Test
    void extraFilesArePublishedBesideTheModelOrNotAtAll() throws IOException {
        Path dir = tmp.resolve("model");
        Model model = ModelFactory.create("resnet-18", 3, 1);
        byte[] extra = {1, 2, 3, 4};
        SavedModelExporter.export(model, 32, dir, Map.of(), Map.of("model.onnx", out -> out.write(extra)));
        assertEquals(Set.of("saved_model.pb", "assets.extra", "model.onnx"), list(dir));
        assertArrayEquals(extra, Files.readAllBytes(dir.resolve("model.onnx")));
        byte[] pb = Files.readAllBytes(dir.resolve("saved_model.pb"));

        Model other = ModelFactory.create("resnet-18", 4, 2);
        assertThrows(IOException.class, () -> SavedModelExporter.export(other, 32, dir, Map.of(), Map.of("model.onnx", out -> {
            throw new IOException("disk full");
        })));
        assertArrayEquals(pb, Files.readAllBytes(dir.resolve("saved_model.pb")), "a failed extra file leaves the previous export");
        assertArrayEquals(extra, Files.readAllBytes(dir.resolve("model.onnx")));
        for (String bad : List.of("saved_model.pb", "assets.extra", "../x", "a/b", ".hidden", "")) {
            assertThrows(IllegalArgumentException.class, () -> SavedModelExporter.export(model, 32, dir, Map.of(), Map.of(bad, out -> { })), bad);
        }
        assertEquals(1, list(tmp.resolve(".model.versions")).size());
    }

    @Test
    void loadRefusesWhatItCannotTrust() throws IOException {
        assertThrows(NoSuchFileException.class, () -> ExportedModel.load(tmp.resolve("missing")));

        Path dir = tmp.resolve("model");
        SavedModelExporter.export(ModelFactory.create("efficientnet-b0", 2, 1), 32, dir);
        Path json = dir.resolve(ExportInfo.FILE);
        String info = Files.readString(json);

        // Metadata naming another architecture: its variables are not in the graph.
        Files.writeString(json, info.replace("\"efficientnet-b0\"", "\"efficientnet-b1\""));
        IOException wrongType = assertThrows(IOException.class, () -> ExportedModel.load(dir));
        assertTrue(wrongType.getMessage().contains("efficientnet-b1"), wrongType.getMessage());
        // Another class count: the dense weights have the wrong shape.
        Files.writeString(json, info.replace("\"num_classes\": 2", "\"num_classes\": 3"));
        IOException wrongClasses = assertThrows(IOException.class, () -> ExportedModel.load(dir));
        assertTrue(wrongClasses.getMessage().contains("dense"), wrongClasses.getMessage());
        Files.writeString(json, info);

        // A MetaGraph tagged {serve, gpu} is not {serve}.
        Path pb = dir.resolve("saved_model.pb");
        SavedModel sm = SavedModel.parseFrom(Files.readAllBytes(pb));
        SavedModel.Builder b = sm.toBuilder();
        b.getMetaGraphsBuilder(0).getMetaInfoDefBuilder().addTags("gpu");
        Files.write(pb, b.build().toByteArray());
        IOException tags = assertThrows(IOException.class, () -> ExportedModel.load(dir));
        assertTrue(tags.getMessage().contains("{serve}"), tags.getMessage());
    }

    @Test
    void exportInfoJson() {
        ExportInfo info = new ExportInfo("resnet-50", 1000, 224, Map.of("conv2d/kernel", "conv2d/kernel", "efficientnet-b0/x", "efficientnet_b0/x"));
        assertEquals(info, ExportInfo.fromJson(info.toJson()));
        assertTrue(info.toJson().contains("\"model_type\": \"resnet-50\""), info.toJson());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ExportInfo.fromJson("{\"format_version\": 1, \"model_type\": \"resnet-50\", \"image_size\": 224, \"weight_nodes\": {}}"));
        assertTrue(missing.getMessage().contains("num_classes"), missing.getMessage());
        IllegalArgumentException version = assertThrows(IllegalArgumentException.class,
                () -> ExportInfo.fromJson(info.toJson().replace("\"format_version\": 1", "\"format_version\": 3")));
        assertTrue(version.getMessage().contains("format_version 3"), version.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExportInfo.fromJson("not json"));
        assertThrows(IllegalArgumentException.class, () -> new ExportInfo("resnet-50", 0, 224, Map.of()));
    }

    @Test
    void exportInfoCarriesAnotherCropPaddingAsFormat2() {
        ExportInfo reference = new ExportInfo("resnet-18", 10, 32, Map.of());
        assertEquals(32, reference.evalCropPadding());
        assertTrue(reference.toJson().contains("\"format_version\": 1"), reference.toJson());
        assertFalse(reference.toJson().contains("eval_crop_padding"), "a reference model's file is as it always was");
        ExportInfo small = new ExportInfo("resnet-18", 10, 32, 0, Map.of());
        assertTrue(small.toJson().contains("\"format_version\": 2"), small.toJson());
        assertTrue(small.toJson().contains("\"eval_crop_padding\": 0"), small.toJson());
        assertEquals(small, ExportInfo.fromJson(small.toJson()));
        IllegalArgumentException lacking = assertThrows(IllegalArgumentException.class,
                () -> ExportInfo.fromJson(small.toJson().replace("\"eval_crop_padding\": 0,", "")));
        assertTrue(lacking.getMessage().contains("lacks eval_crop_padding"), lacking.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ExportInfo("resnet-18", 10, 32, -1, Map.of()));
    }

    @Test
    void theExportRecordsItsCropPadding() throws IOException {
        Path dir = tmp.resolve("padding");
        SavedModelExporter.export(ModelFactory.create("resnet-18", 3, 1), 32, 4, dir, Map.of());
        assertEquals(4, ExportedModel.load(dir).info().evalCropPadding());
        SavedModelExporter.export(ModelFactory.create("resnet-18", 3, 1), 32, dir);
        assertEquals(32, ExportedModel.load(dir).info().evalCropPadding());
    }

    private static Set<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }
}
