package dev.imgcls.export.inspect;

import dev.imgcls.export.checkpoint.BundleWriter;
import dev.imgcls.export.checkpoint.CheckpointManager;
import dev.imgcls.export.checkpoint.CheckpointValue;
import dev.imgcls.export.proto.SavedModel;
import dev.imgcls.export.proto.SignatureDef;
import dev.imgcls.export.savedmodel.ExportedModel;
import dev.imgcls.export.savedmodel.SavedModelExporter;
import dev.imgcls.io.FileSystems;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.Variable;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code inspect} on a SavedModel exported by imgcls, and its dispatch to checkpoints. */
class InspectTest {
    private static final int CLASSES = 3;
    private static final int IMAGE_SIZE = 32;

    private record Run(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    @TempDir
    static Path shared;

    private static Model model;
    private static Path exported;

    @TempDir
    Path dir;

    @BeforeAll
    static void export() throws IOException {
        model = ModelFactory.create("resnet-18", CLASSES, 1);
        exported = shared.resolve("model");
        SavedModelExporter.export(model, IMAGE_SIZE, exported);
    }

    private static Run inspect(String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Inspect.run(path, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                FileSystems.defaults());
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The three lines after {@code kind['name'] tensor_info:}, checked against the signature in saved_model.pb. */
    private static void assertTensor(List<String> lines, String kind, String name, String dtype, String shape, SignatureDef sig) {
        int at = lines.indexOf("    " + kind + "['" + name + "'] tensor_info:");
        assertTrue(at >= 0, kind + " " + name + " is listed");
        assertEquals("        dtype: " + dtype, lines.get(at + 1));
        assertEquals("        shape: " + shape, lines.get(at + 2));
        String tensorName = (kind.equals("inputs") ? sig.getInputsMap() : sig.getOutputsMap()).get(name).getName();
        assertTrue(tensorName.matches(".+:\\d+"), tensorName);
        assertEquals("        name: " + tensorName, lines.get(at + 3));
    }

    @Test
    void savedModelShowsTheServingSignature() throws IOException {
        Run run = inspect(exported.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.err());
        List<String> lines = run.lines();
        assertEquals("SavedModel " + exported, lines.get(0));
        assertTrue(lines.contains("MetaGraphDef with tag-set: 'serve' contains the following SignatureDefs:"), run.out());
        assertTrue(lines.contains("signature_def['serving_default']:"), run.out());
        assertTrue(lines.contains("  Method name is: tensorflow/serving/predict"), run.out());

        SignatureDef sig = SavedModel.parseFrom(Files.readAllBytes(exported.resolve("saved_model.pb"))).getMetaGraphs(0)
                .getSignatureDefOrThrow("serving_default");
        assertTensor(lines, "inputs", "image_bytes", "DT_STRING", "(-1)", sig);
        assertTensor(lines, "inputs", "key", "DT_STRING", "(-1)", sig);
        assertTensor(lines, "outputs", "classes", "DT_INT64", "(-1)", sig);
        assertTensor(lines, "outputs", "probabilities", "DT_FLOAT", "(-1, " + CLASSES + ")", sig);
        assertTensor(lines, "outputs", "key", "DT_STRING", "(-1)", sig);
        assertTrue(lines.indexOf("    inputs['image_bytes'] tensor_info:") < lines.indexOf("    inputs['key'] tensor_info:"), "sorted by name");
    }

    @Test
    void savedModelShowsWhatImgclsRecorded() {
        List<String> lines = inspect(exported.toString()).lines();
        long parameters = model.variables().stream().mapToLong(v -> v.shape().numel()).sum();
        assertTrue(lines.contains("  model_type: resnet-18"), String.join("\n", lines));
        assertTrue(lines.contains("  num_classes: " + CLASSES));
        assertTrue(lines.contains("  image_size: " + IMAGE_SIZE));
        assertTrue(lines.contains("  eval_crop_padding: 32 (the reference's)"), String.join("\n", lines));
        assertTrue(lines.contains("  weights: " + model.variables().size() + " constants, " + parameters
                + " parameters (batch-norm moving statistics included)"),
                String.join("\n", lines));
    }

    @Test
    void acceptsTheProtoFileAndATrailingSlash() {
        String expected = inspect(exported.toString()).out();
        assertEquals(expected, inspect(exported + "/").out());
        assertEquals(expected, inspect(exported.resolve("saved_model.pb").toString()).out());
    }

    @Test
    void savedModelWithoutImgclsInfoStillShowsSignatures() throws IOException {
        Path foreign = dir.resolve("foreign");
        Files.createDirectories(foreign);
        Files.copy(exported.resolve("saved_model.pb"), foreign.resolve("saved_model.pb"));
        Run run = inspect(foreign.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.lines().contains("signature_def['serving_default']:"));
        assertTrue(run.out().contains("not exported by imgcls"), run.out());
    }

    @Test
    void corruptSavedModelFailsWithItsPath() throws IOException {
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        Files.write(broken.resolve("saved_model.pb"), new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
        Run run = inspect(broken.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains(broken.resolve("saved_model.pb").toString()) && run.err().contains("not a SavedModel"), run.err());
    }

    @Test
    void otherPathsGoToTheCheckpointListing() throws IOException {
        Variable first = model.variables().get(0);
        Map<String, CheckpointValue> values = Map.of(first.name(), CheckpointValue.of(first.value()),
                "global_step", CheckpointValue.of(Tensor.ofLongs(new long[] {42})));
        String prefix = dir.resolve("model.ckpt-42").toString();
        BundleWriter.write(prefix, values);
        String variableLine = first.name() + " (DT_FLOAT) " + shapeText(first.shape().dims());

        for (String path : List.of(prefix, prefix + ".index")) {
            Run run = inspect(path);
            assertEquals(0, run.status(), run.err());
            assertEquals("checkpoint " + prefix, run.lines().get(0));
            assertTrue(run.lines().contains(variableLine), run.out());
            assertTrue(run.lines().contains("global_step (DT_INT64) []"), run.out());
        }

        Path jobDir = dir.resolve("job");
        new CheckpointManager(jobDir.toString(), 2).save(7, values);
        Run run = inspect(jobDir.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("checkpoint " + jobDir.resolve("model.ckpt-7"), run.lines().get(0));
    }

    private static String shapeText(int[] dims) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : ",").append(dims[i]);
        }
        return s.append("]").toString();
    }

    @Test
    void missingPathsSayWhatWasLookedFor() {
        String missing = dir.resolve("nothing-here").toString();
        Run run = inspect(missing);
        assertEquals(1, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().contains(missing) && run.err().contains("no such file or directory"), run.err());
    }

    @Test
    void directoryThatIsNeitherSaysBoth() throws IOException {
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("notes.txt"), "x");
        Run run = inspect(other.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("not a SavedModel (no saved_model.pb)") && run.err().contains("no complete checkpoint"), run.err());
    }

    @Test
    void damagedSavedModelIsNamedWithoutTheParsersWords() throws IOException {
        Path copy = dir.resolve("damaged");
        Files.createDirectories(copy.resolve("assets.extra"));
        Path version = exported.toRealPath(); // the export is a link to its current version folder
        try (Stream<Path> files = Files.walk(version)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(version.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
        Path pb = copy.resolve(SavedModelExporter.SAVED_MODEL_FILE);
        byte[] bytes = Files.readAllBytes(pb);
        Files.write(pb, Arrays.copyOf(bytes, bytes.length / 2));
        String expected = pb + " is damaged or not a SavedModel (it ends in the middle of its data, as a file cut short does);"
                + " export the model again, or name another SavedModel directory";

        Run run = inspect(copy.toString());
        assertEquals(1, run.status());
        assertEquals("inspect: " + expected + "\n", run.err());
        IOException load = assertThrows(IOException.class,
                () -> ExportedModel.load(copy));
        assertEquals(expected, load.getMessage());

        Files.write(pb, new byte[] {0, 0, 0, 0});
        run = inspect(copy.toString());
        assertTrue(run.err().contains("is damaged or not a SavedModel (its bytes are not the protocol buffer a SavedModel is)"), run.err());
        assertFalse(run.err().toLowerCase(Locale.ROOT).contains("protocol message"), run.err());
        for (String java : List.of("Exception", "java.", "nio.", "CodedInputStream")) {
            assertFalse(run.err().contains(java) || load.getMessage().contains(java), java + " in " + run.err());
        }
    }
}
