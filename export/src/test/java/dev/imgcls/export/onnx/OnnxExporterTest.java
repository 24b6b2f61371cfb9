package dev.imgcls.export.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.imgcls.export.onnx.proto.ModelProto;
import dev.imgcls.export.onnx.proto.NodeProto;
import dev.imgcls.export.onnx.proto.StringStringEntryProto;
import dev.imgcls.export.savedmodel.SavedModelExporter;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.Variable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file: where it goes, what it declares, its metadata, and that it is replaced whole or not at all. */
class OnnxExporterTest {
    private static final int IMAGE_SIZE = 40;
    private static final List<String> LABELS = List.of("cat", "dog", "bird \"tweety\"");

    @TempDir
    Path tmp;

    @Test
    void writesModelOnnxIntoTheDirectoryWithItsInterfaceAndPreprocessing() throws IOException, OrtException {
        Model model = ModelFactory.create("resnet-18", 3, 5);
        OnnxExportOptions options = OnnxExportOptions.reference(IMAGE_SIZE).withCropPadding(10).withLabels(LABELS).withProducerVersion("1.2.3");
        String path = OnnxExporter.exportInto(model, options, tmp.resolve("model").toString());

        assertEquals(tmp.resolve("model/model.onnx").toString(), path);
        try (Stream<Path> files = Files.list(tmp.resolve("model"))) {
            assertEquals(List.of("model.onnx"), files.map(p -> p.getFileName().toString()).toList(), "no temporary file left behind");
        }
        ModelProto proto = read(Path.of(path));
        assertEquals(8, proto.getIrVersion());
        assertEquals(17, proto.getOpsetImport(0).getVersion());
        assertEquals("imgcls", proto.getProducerName());
        assertEquals("1.2.3", proto.getProducerVersion());
        Map<String, String> meta = proto.getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
        assertEquals("resnet-18", meta.get("model_type"));
        assertEquals("3", meta.get("num_classes"));
        assertEquals("40", meta.get("image_size"));
        assertEquals("10", meta.get("crop_padding"));
        assertEquals("0.8", meta.get("crop_fraction"));
        assertEquals("[\"cat\",\"dog\",\"bird \\\"tweety\\\"\"]", meta.get("labels"));
        assertEquals("NHWC", meta.get("layout"));
        assertEquals("RGB", meta.get("channel_order"));
        assertEquals("0..255", meta.get("value_range"));
        assertEquals("[123.675, 116.28, 103.53]", meta.get("mean_rgb"));
        assertTrue(meta.get("preprocessing").contains("centre crop"), meta.get("preprocessing"));

        // NCHW inside: one transpose, after the input normalisation; BN kept as BatchNormalization.
        List<String> ops = proto.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
        assertEquals(List.of("Sub", "Div", "Transpose"), ops.subList(0, 3));
        assertEquals(1, ops.stream().filter("Transpose"::equals).count(), ops.toString());
        long batchNorms = model.variables().stream().filter(v -> v.role() == Variable.Role.GAMMA).count();
        assertEquals(batchNorms, ops.stream().filter("BatchNormalization"::equals).count());
        assertEquals(List.of("Softmax", "ArgMax"), ops.subList(ops.size() - 2, ops.size()));

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions(); OrtSession session = env.createSession(path, so)) {
            assertEquals(meta, session.getMetadata().getCustomMetadata());
            assertArrayEquals(new long[] {-1, IMAGE_SIZE, IMAGE_SIZE, 3}, shape(session.getInputInfo().get(OnnxModelBuilder.INPUT)));
            assertArrayEquals(new long[] {-1, 3}, shape(session.getOutputInfo().get(OnnxModelBuilder.PROBABILITIES)));
            assertArrayEquals(new long[] {-1}, shape(session.getOutputInfo().get(OnnxModelBuilder.CLASSES)));
        }
    }

    @Test
    void aNewExportReplacesTheFileAndAFailedOneLeavesIt() throws IOException {
        String path = tmp.resolve("m.onnx").toString();
        OnnxExporter.export(ModelFactory.create("resnet-18", 3, 5), OnnxExportOptions.reference(32), path);
        OnnxExporter.export(ModelFactory.create("resnet-18", 4, 6), OnnxExportOptions.reference(32), path);
        byte[] second = Files.readAllBytes(Path.of(path));
        assertEquals("4", read(Path.of(path)).getMetadataPropsList().stream().filter(e -> e.getKey().equals("num_classes"))
                .findFirst().orElseThrow().getValue());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExporter.export(ModelFactory.create("resnet-18", 2, 7),
                OnnxExportOptions.reference(32).withLabels(LABELS), path));
        assertEquals("3 labels for a model of 2 classes; give one name per class or none", e.getMessage());
        assertArrayEquals(second, Files.readAllBytes(Path.of(path)));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void theSavedModelExportCarriesTheSameFile() throws IOException {
        Model model = ModelFactory.create("resnet-18", 3, 5);
        OnnxExportOptions options = OnnxExportOptions.reference(32);
        Path dir = tmp.resolve("model");
        SavedModelExporter.export(model, 32, dir, Map.of(), Map.of(OnnxExporter.FILE, OnnxExporter.content(model, options)));
        String alone = tmp.resolve("alone.onnx").toString();
        OnnxExporter.export(model, options, alone);
        assertArrayEquals(Files.readAllBytes(Path.of(alone)), Files.readAllBytes(dir.resolve(OnnxExporter.FILE)));
    }

    private static ModelProto read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ModelProto.parseFrom(in);
        }
    }

    private static long[] shape(NodeInfo info) {
        return ((TensorInfo) info.getInfo()).getShape();
    }
}
