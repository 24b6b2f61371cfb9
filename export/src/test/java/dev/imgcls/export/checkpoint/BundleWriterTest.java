package dev.imgcls.export.checkpoint;

import dev.imgcls.export.checkpoint.CheckpointSamples.Sample;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The writer's API: round trips through our reader, rejected inputs, and nothing visible until finish. */
class BundleWriterTest {

    @TempDir
    Path dir;

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void everyDtypeRoundTripsThroughOurReader() throws IOException {
        List<Sample> samples = CheckpointSamples.everyDtype(21);
        Map<String, CheckpointValue> values = new LinkedHashMap<>();
        for (Sample s : samples) {
            values.put(s.name(), s.ours());
        }
        String prefix = dir.resolve("model.ckpt-3").toString();
        BundleWriter.write(prefix, values);
        BundleReader reader = BundleReader.open(prefix);
        for (Sample s : samples) {
            CheckpointSamples.assertSame(s.theirs(), reader.read(s.name()), s.name());
            assertEquals(s.ours().shape(), reader.variable(s.name()).orElseThrow().shape());
        }
        assertEquals(List.of("model.ckpt-3.data-00000-of-00001", "model.ckpt-3.index"), files());
    }

    @Test
    void dataIsStoredInTheOrderTensorsWereAdded() throws IOException {
        String prefix = dir.resolve("order").toString();
        try (BundleWriter writer = BundleWriter.create(prefix)) {
            writer.add("z", Tensor.ofInts(new int[] {1}));
            writer.add("a", Tensor.ofInts(new int[] {2}));
            writer.finish();
        }
        assertArrayEquals(new byte[] {1, 0, 0, 0, 2, 0, 0, 0}, Files.readAllBytes(Path.of(prefix + ".data-00000-of-00001")));
        assertEquals(List.of("a", "z"), BundleReader.open(prefix).variables().stream().map(VariableInfo::name).toList());
    }

    @Test
    void nonAsciiNamesSortAsUnsignedBytes() throws IOException {
        String prefix = dir.resolve("names").toString();
        Map<String, CheckpointValue> values = new LinkedHashMap<>();
        for (String name : new String[] {"\u00e9t\u00e9", "zeta", "Zeta", "a/b", "a.b", "\u4e2d"}) {
            values.put(name, CheckpointValue.of(Tensor.scalar(1f)));
        }
        BundleWriter.write(prefix, values);
        // UTF-8 bytes: 'Z' 5a < 'a' 61 < 'z' 7a < 0xc3 (é) < 0xe4 (中); "a.b" < "a/b" ('.' 2e < '/' 2f).
        assertEquals(List.of("Zeta", "a.b", "a/b", "zeta", "\u00e9t\u00e9", "\u4e2d"),
                BundleReader.open(prefix).variables().stream().map(VariableInfo::name).toList());
    }

    @Test
    void aMapOfTensorsIsWrittenInItsOrder() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b", Tensor.ofBytes(new byte[] {(byte) 200}, 1));
        tensors.put("a", Tensor.of(new double[] {0.25}));
        String prefix = dir.resolve("map").toString();
        BundleWriter.write(prefix, CheckpointValue.ofTensors(tensors));
        assertArrayEquals(new byte[] {(byte) 200, 0, 0, 0, 0, 0, 0, (byte) 0xd0, 0x3f},
                Files.readAllBytes(Path.of(prefix + ".data-00000-of-00001")), "uint8 200, then float64 0.25");
        BundleReader reader = BundleReader.open(prefix);
        assertArrayEquals(new int[] {200}, reader.readTensor("b").toIntArray());
        assertArrayEquals(new double[] {0.25}, reader.readTensor("a").toDoubleArray());
    }

    @Test
    void badNamesAreRejected() throws IOException {
        try (BundleWriter writer = BundleWriter.create(dir.resolve("bad").toString())) {
            writer.add("w", Tensor.scalar(1f));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> writer.add("w", Tensor.scalar(2f)))
                    .getMessage().contains("'w' was already added"));
            assertThrows(IllegalArgumentException.class, () -> writer.add("", Tensor.scalar(2f)));
            assertThrows(IllegalArgumentException.class, () -> writer.add("\u0000x", Tensor.scalar(2f)));
        }
        assertThrows(IllegalArgumentException.class, () -> BundleWriter.create(dir + "/"));
    }

    @Test
    void stringValuesCheckTheirElementCount() {
        assertThrows(IllegalArgumentException.class, () -> CheckpointValue.ofBytes(Shape.of(2, 2), List.of(new byte[1])));
        CheckpointValue.Strings v = CheckpointValue.ofStrings("x", "yz");
        assertEquals(Shape.of(2), v.shape());
        assertEquals("yz", v.utf8(1));
        assertThrows(UnsupportedOperationException.class, v::tensor);
    }

    @Test
    void nothingIsVisibleUntilFinishAndAnAbandonedWriterLeavesNoFiles() throws IOException {
        String prefix = dir.resolve("model.ckpt-1").toString();
        try (BundleWriter writer = BundleWriter.create(prefix)) {
            writer.add("w", Tensor.of(new float[] {1, 2, 3}, 3));
            assertFalse(Files.exists(Path.of(prefix + ".index")));
            assertFalse(Files.exists(Path.of(prefix + ".data-00000-of-00001")));
        }
        assertEquals(List.of(), files(), "temporary files are removed too");
    }

    @Test
    void resavingAPrefixReplacesTheWholeBundle() throws IOException {
        String prefix = dir.resolve("model.ckpt-1").toString();
        BundleWriter.write(prefix, Map.of("old", CheckpointValue.of(Tensor.of(new float[] {1, 2, 3, 4}, 4))));
        BundleWriter.write(prefix, Map.of("new", CheckpointValue.of(Tensor.ofLongs(new long[] {9}))));
        BundleReader reader = BundleReader.open(prefix);
        assertEquals(List.of("new"), reader.variables().stream().map(VariableInfo::name).toList());
        assertArrayEquals(new long[] {9}, reader.readTensor("new").toLongArray());
    }

    @Test
    void aFinishedWriterAcceptsNoMoreTensors() throws IOException {
        try (BundleWriter writer = BundleWriter.create(dir.resolve("done").toString())) {
            writer.finish();
            assertThrows(IllegalStateException.class, () -> writer.add("late", Tensor.scalar(1f)));
            assertThrows(IllegalStateException.class, writer::finish);
        }
        BundleReader empty = BundleReader.open(dir.resolve("done").toString());
        assertEquals(List.of(), empty.variables());
        empty.checkDataFiles();
    }

    @Test
    void slicesMustFitTheFullShape() throws IOException {
        try (BundleWriter writer = BundleWriter.create(dir.resolve("s").toString())) {
            CheckpointValue two = CheckpointValue.of(Tensor.of(new float[] {1, 2}, 2));
            assertThrows(IllegalArgumentException.class, () -> writer.addSlice("p", new long[] {4}, new long[] {3}, new long[] {2}, two));
            assertThrows(IllegalArgumentException.class, () -> writer.addSlice("p", new long[] {4}, new long[] {0}, new long[] {3}, two));
            writer.addSlice("p", new long[] {4}, new long[] {0}, new long[] {2}, two);
            assertThrows(IllegalArgumentException.class, () -> writer.addSlice("p", new long[] {4}, new long[] {0}, new long[] {2}, two));
            assertThrows(IllegalArgumentException.class, () -> writer.addSlice("p", new long[] {5}, new long[] {2}, new long[] {2}, two));
        }
    }
}
