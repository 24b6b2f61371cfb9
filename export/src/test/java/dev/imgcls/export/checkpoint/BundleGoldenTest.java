package dev.imgcls.export.checkpoint;

import dev.imgcls.export.proto.DataType;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The golden bundle of tf-formats.md §7.3, written by TF 2.18's SaveV2: {@code a} float32 [2] =
 * {1, 2}; {@code b} int64 scalar 7; {@code s} string scalar "hi"; {@code p} = slice "4 0,2" of a
 * float32 [4] with values {3, 4}.
 */
class BundleGoldenTest {

    static final byte[] GOLDEN_DATA = hex("""
            00 00 80 3f 00 00 00 40 07 00 00 00 00 00 00 00
            02 d8 d8 10 73 68 69 00 00 40 40 00 00 80 40""");

    static final byte[] GOLDEN_INDEX = hex("""
            00 00 06 08 01 1a 02 08 01 00 08 11 00 70 00 01
            01 01 80 82 08 01 12 04 12 02 08 02 20 17 28 08
            35 62 0a 97 6b 00 01 0f 61 08 01 12 04 12 02 08
            02 28 08 35 59 3c e5 35 00 01 0d 62 08 09 12 00
            20 08 28 08 35 bb d7 9f 11 00 01 0e 70 08 01 12
            04 12 02 08 04 3a 04 0a 02 10 02 00 01 0d 73 08
            07 12 00 20 10 28 07 35 09 eb 4d 15 00 00 00 00
            01 00 00 00 00 47 ba 02 1e 00 00 00 00 01 00 00
            00 00 c0 f2 a1 b0 00 01 02 74 00 74 00 00 00 00
            01 00 00 00 00 c4 9e 15 b7 79 08 86 01 0e 00 00
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
            00 57 fb 80 8b 24 75 47 db""");

    @TempDir
    Path dir;

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s+", ""));
    }

    /** Writes the golden files as TF wrote them, returning the prefix. */
    static String writeGolden(Path dir) throws IOException {
        Path prefix = dir.resolve("model.ckpt-7");
        Files.write(Path.of(prefix + ".index"), GOLDEN_INDEX);
        Files.write(Path.of(prefix + ".data-00000-of-00001"), GOLDEN_DATA);
        return prefix.toString();
    }

    @Test
    void writerReproducesTensorFlowsBytesExactly() throws IOException {
        String prefix = dir.resolve("model.ckpt-7").toString();
        try (BundleWriter writer = BundleWriter.create(prefix)) {
            writer.add("a", Tensor.of(new float[] {1, 2}, 2));
            writer.add("b", Tensor.ofLongs(new long[] {7}));
            writer.add("s", CheckpointValue.ofString("hi"));
            writer.addSlice("p", new long[] {4}, new long[] {0}, new long[] {2}, CheckpointValue.of(Tensor.of(new float[] {3, 4}, 2)));
            writer.finish();
        }
        assertArrayEquals(GOLDEN_DATA, Files.readAllBytes(Path.of(prefix + ".data-00000-of-00001")), "data file");
        assertArrayEquals(GOLDEN_INDEX, Files.readAllBytes(Path.of(prefix + ".index")), "index file");
        try (var files = Files.list(dir)) {
            assertEquals(List.of("model.ckpt-7.data-00000-of-00001", "model.ckpt-7.index"),
                    files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()), "no temporary files left");
        }
    }

    @Test
    void readerListsAndReadsTheGoldenBundle() throws IOException {
        BundleReader reader = BundleReader.open(writeGolden(dir));
        assertEquals(1, reader.numShards());
        assertEquals(List.of("a (DT_FLOAT) [2]", "b (DT_INT64) []", "p (DT_FLOAT) [4]", "s (DT_STRING) []"),
                reader.variables().stream().map(VariableInfo::toString).toList());
        assertTrue(reader.variable("p").orElseThrow().isPartitioned());
        assertEquals(1, reader.variable("p").orElseThrow().sliceCount());

        Tensor a = reader.readTensor("a");
        assertEquals(Shape.of(2), a.shape());
        assertArrayEquals(new float[] {1, 2}, a.toFloatArray());
        Tensor b = reader.readTensor("b");
        assertEquals(Shape.SCALAR, b.shape());
        assertArrayEquals(new long[] {7}, b.toLongArray());
        CheckpointValue.Strings s = (CheckpointValue.Strings) reader.read("s");
        assertEquals(DataType.DT_STRING, s.dtype());
        assertEquals(Shape.SCALAR, s.shape());
        assertEquals("hi", s.utf8(0));

        UnsupportedCheckpointException sliced = assertThrows(UnsupportedCheckpointException.class, () -> reader.read("p"));
        assertTrue(sliced.getMessage().contains("'p'") && sliced.getMessage().contains("saved as 1 slice")
                && sliced.getMessage().contains("re-save it unpartitioned"), sliced.getMessage());
    }

    @Test
    void readAllSkipsNothingItWasAskedFor() throws IOException {
        BundleReader reader = BundleReader.open(writeGolden(dir));
        var values = reader.readAll(name -> !name.equals("p"));
        assertEquals(List.of("a", "b", "s"), List.copyOf(values.keySet()));
        assertArrayEquals(new float[] {1, 2}, values.get("a").tensor().toFloatArray());
        assertArrayEquals(new long[] {7}, values.get("b").tensor().toLongArray());
        assertEquals("hi", ((CheckpointValue.Strings) values.get("s")).utf8(0));
        assertThrows(UnsupportedCheckpointException.class, () -> reader.readAll(name -> true));
    }

    @Test
    void flippingAnyDataByteOfAReadableTensorFailsItsChecksum() throws IOException {
        String prefix = writeGolden(dir);
        Path data = Path.of(prefix + ".data-00000-of-00001");
        // a = bytes [0, 8), b = [8, 16), s = [16, 23); p's slice (bytes 23..30) is never read.
        String[] owner = {"a", "a", "a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b", "b", "b", "s", "s", "s", "s", "s", "s", "s"};
        for (int i = 0; i < owner.length; i++) {
            byte[] corrupt = GOLDEN_DATA.clone();
            corrupt[i] ^= 0x01;
            Files.write(data, corrupt);
            BundleReader reader = BundleReader.open(prefix);
            String name = owner[i];
            CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> reader.read(name), "byte " + i);
            assertTrue(e.getMessage().contains("'" + name + "'") && e.getMessage().contains("checksum mismatch")
                    && e.getMessage().contains(data.toString()), e.getMessage());
            for (String other : new String[] {"a", "b", "s"}) {
                if (!other.equals(name)) {
                    reader.read(other); // the other tensors are unaffected
                }
            }
        }
    }
}
