package dev.imgcls.export.checkpoint;

import dev.imgcls.export.checkpoint.CheckpointSamples.Sample;
import dev.imgcls.export.checkpoint.TensorFlowCheckpoints.TfValue;
import dev.imgcls.export.proto.DataType;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real TensorFlow 2.18 restores the checkpoints we write and writes checkpoints we read. */
class BundleTensorFlowInteropTest {

    private static TensorFlowCheckpoints tensorFlow;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadTensorFlow() {
        tensorFlow = new TensorFlowCheckpoints();
    }

    private static void writeOurs(String prefix, List<Sample> samples) throws IOException {
        try (BundleWriter writer = BundleWriter.create(prefix)) {
            for (Sample s : samples) {
                writer.add(s.name(), s.ours());
            }
            writer.finish();
        }
    }

    @Test
    void tensorFlowRestoresOurCheckpointBitForBit() throws IOException {
        List<Sample> samples = CheckpointSamples.everyDtype(1);
        String prefix = dir.resolve("ours/model.ckpt-5").toString();
        writeOurs(prefix, samples);
        List<TfValue> restored = tensorFlow.restore(prefix, CheckpointSamples.names(samples),
                samples.stream().map(Sample::dtype).toList());
        for (int i = 0; i < samples.size(); i++) {
            TfValue expected = samples.get(i).theirs();
            TfValue actual = restored.get(i);
            String what = samples.get(i).name();
            assertArrayEquals(expected.dims(), actual.dims(), what + " shape");
            if (expected.dtype() == DataType.DT_STRING) {
                assertEquals(expected.strings().size(), actual.strings().size(), what);
                for (int j = 0; j < expected.strings().size(); j++) {
                    assertArrayEquals(expected.strings().get(j), actual.strings().get(j), what + " element " + j);
                }
            } else {
                assertArrayEquals(expected.raw(), actual.raw(), what + " bytes");
            }
        }
    }

    @Test
    void weReadTensorFlowsCheckpointBitForBit() throws IOException {
        List<Sample> samples = CheckpointSamples.everyDtype(2);
        String prefix = dir.resolve("theirs/model.ckpt-9").toString();
        tensorFlow.save(prefix, CheckpointSamples.names(samples), CheckpointSamples.theirs(samples));

        BundleReader reader = BundleReader.open(prefix);
        List<String> sorted = new ArrayList<>(CheckpointSamples.names(samples));
        Collections.sort(sorted);
        assertEquals(sorted, reader.variables().stream().map(VariableInfo::name).toList(), "variables in byte order");
        for (Sample s : samples) {
            VariableInfo info = reader.variable(s.name()).orElseThrow();
            assertEquals(s.dtype(), info.dtype(), s.name());
            assertArrayEquals(s.theirs().dims(), info.dims(), s.name());
            CheckpointSamples.assertSame(s.theirs(), reader.read(s.name()), s.name());
        }
        Map<String, CheckpointValue> all = reader.readAll(name -> true);
        for (Sample s : samples) {
            CheckpointSamples.assertSame(s.theirs(), all.get(s.name()), "readAll " + s.name());
        }
    }

    /** Same tensors, same order: the files must be TF's, byte for byte, including the index's block layout. */
    @Test
    void ourFilesEqualTensorFlowsForTheSameTensors() throws IOException {
        List<Sample> samples = CheckpointSamples.everyDtype(3);
        String theirs = dir.resolve("theirs/model.ckpt-1").toString();
        String ours = dir.resolve("ours/model.ckpt-1").toString();
        tensorFlow.save(theirs, CheckpointSamples.names(samples), CheckpointSamples.theirs(samples));
        writeOurs(ours, samples);
        assertFilesEqual(theirs, ours);
    }

    /**
     * Thousands of variables with long shared prefixes, added in a scrambled order: the index
     * spans several data blocks (so separators, restarts every 16 keys and the index block are
     * all exercised), and one entry is large enough to get a block of its own.
     */
    @Test
    void manyVariablesSpanSeveralIndexBlocksExactlyAsTensorFlowWritesThem() throws IOException {
        SplittableRandom random = new SplittableRandom(4);
        List<Sample> samples = new ArrayList<>();
        for (int block = 0; block < 60; block++) {
            for (String layer : new String[] {"conv2d", "depthwise_conv2d", "tpu_batch_normalization", "se/conv2d_1"}) {
                for (String leaf : new String[] {"kernel", "gamma", "beta", "moving_mean", "moving_variance"}) {
                    for (String shadow : new String[] {"", "/ExponentialMovingAverage", "/RMSProp", "/RMSProp_1"}) {
                        String name = "efficientnet-b7/blocks_" + block + "/" + layer + "/" + leaf + shadow;
                        samples.add(switch (samples.size() % 5) {
                            case 0 -> CheckpointSamples.floats(name, random, 1 + random.nextInt(3));
                            case 1 -> CheckpointSamples.longs(name, random);
                            case 2 -> CheckpointSamples.strings(name, random, 1);
                            case 3 -> CheckpointSamples.ints(name, random, 2);
                            default -> CheckpointSamples.bytes(name, random, 3);
                        });
                    }
                }
            }
        }
        // Keys of varied lengths and byte values, so separators shorten in different ways.
        for (int i = 0; i < 5000; i++) {
            samples.add(CheckpointSamples.floats("k" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "_" + "x".repeat(i % 97),
                    random));
        }
        // key + value >= 2 x block size: TF flushes the current block before adding such an entry.
        samples.add(CheckpointSamples.floats("m_" + "y".repeat(530_000), random, 2));
        Collections.shuffle(samples, new java.util.Random(5));

        String theirs = dir.resolve("theirs/model.ckpt-2").toString();
        String ours = dir.resolve("ours/model.ckpt-2").toString();
        tensorFlow.save(theirs, CheckpointSamples.names(samples), CheckpointSamples.theirs(samples));
        writeOurs(ours, samples);
        assertFilesEqual(theirs, ours);

        byte[] index = Files.readAllBytes(Path.of(ours + ".index"));
        int blocks = TableReader.indexEntryCount(index, ours);
        assertTrue(blocks >= 4, "the index has several data blocks, not " + blocks);

        // Both read back with our reader (from TF's files) and with TF (from ours).
        BundleReader reader = BundleReader.open(theirs);
        assertEquals(samples.size(), reader.variables().size());
        Map<String, CheckpointValue> all = reader.readAll(name -> true);
        for (Sample s : samples) {
            CheckpointSamples.assertSame(s.theirs(), all.get(s.name()), s.name());
        }
        List<Sample> some = samples.subList(0, 400);
        List<TfValue> restored = tensorFlow.restore(ours, CheckpointSamples.names(some), some.stream().map(Sample::dtype).toList());
        for (int i = 0; i < some.size(); i++) {
            if (some.get(i).dtype() != DataType.DT_STRING) {
                assertArrayEquals(some.get(i).theirs().raw(), restored.get(i).raw(), some.get(i).name());
            }
        }
    }

    /** Types our engine lacks are read widened, exactly: bool as UINT8, half and bfloat16 as FLOAT32. */
    @Test
    void boolHalfAndBfloat16AreReadWidened() throws IOException {
        byte[] bools = {1, 0, 0, 1, 1};
        // half: 1.0, -2.5, 65504 (max), smallest subnormal 2^-24, -0, +inf
        ByteBuffer half = CheckpointSamples.le(12);
        for (int bits : new int[] {0x3C00, 0xC100, 0x7BFF, 0x0001, 0x8000, 0x7C00}) {
            half.putShort((short) bits);
        }
        // bfloat16: 1.0, -3.0, 2^-133 (subnormal), 3.3895e38
        ByteBuffer bf16 = CheckpointSamples.le(8);
        for (int bits : new int[] {0x3F80, 0xC040, 0x0001, 0x7F7F}) {
            bf16.putShort((short) bits);
        }
        String prefix = dir.resolve("widened").toString();
        tensorFlow.save(prefix, List.of("flags", "h", "bf"), List.of(
                TfValue.numeric(DataType.DT_BOOL, new long[] {5}, bools),
                TfValue.numeric(DataType.DT_HALF, new long[] {2, 3}, half.array()),
                TfValue.numeric(DataType.DT_BFLOAT16, new long[] {4}, bf16.array())));
        BundleReader reader = BundleReader.open(prefix);
        assertEquals(DataType.DT_BOOL, reader.variable("flags").orElseThrow().dtype());
        assertEquals(DataType.DT_HALF, reader.variable("h").orElseThrow().dtype());
        assertArrayEquals(new int[] {1, 0, 0, 1, 1}, reader.readTensor("flags").toIntArray());
        Tensor h = reader.readTensor("h");
        assertArrayEquals(new int[] {2, 3}, h.dims());
        assertArrayEquals(new float[] {1f, -2.5f, 65504f, 0x1p-24f, -0.0f, Float.POSITIVE_INFINITY}, h.toFloatArray());
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(h.toFloatArray()[4]), "negative zero kept");
        assertArrayEquals(new float[] {1f, -3f, 0x1p-133f, Float.intBitsToFloat(0x7F7F0000)}, reader.readTensor("bf").toFloatArray());
    }

    @Test
    void partitionedVariablesWrittenByTensorFlowAreRejectedByName() throws IOException {
        SplittableRandom random = new SplittableRandom(6);
        Sample whole = CheckpointSamples.floats("whole", random, 3);
        Sample part0 = CheckpointSamples.floats("embedding", random, 300, 2);
        Sample part1 = CheckpointSamples.floats("embedding", random, 700, 2);
        String prefix = dir.resolve("sliced").toString();
        tensorFlow.save(prefix, List.of("whole", "embedding", "embedding"), List.of("", "1000 2 0,300:-", "1000 2 300,700:-"),
                List.of(whole.theirs(), part0.theirs(), part1.theirs()));

        BundleReader reader = BundleReader.open(prefix);
        assertEquals(List.of("embedding (DT_FLOAT) [1000,2]", "whole (DT_FLOAT) [3]"),
                reader.variables().stream().map(VariableInfo::toString).toList());
        VariableInfo embedding = reader.variable("embedding").orElseThrow();
        assertTrue(embedding.isPartitioned());
        assertEquals(2, embedding.sliceCount());
        UnsupportedCheckpointException e = assertThrows(UnsupportedCheckpointException.class, () -> reader.read("embedding"));
        assertTrue(e.getMessage().contains("'embedding'") && e.getMessage().contains("saved as 2 slices")
                && e.getMessage().contains("re-save it unpartitioned") && e.getMessage().contains(prefix), e.getMessage());
        CheckpointSamples.assertSame(whole.theirs(), reader.read("whole"), "whole");

        // Our writer encodes the same slice keys (multi-byte OrderedCode numbers) and entries.
        String ours = dir.resolve("sliced-ours").toString();
        try (BundleWriter writer = BundleWriter.create(ours)) {
            writer.add("whole", whole.ours());
            writer.addSlice("embedding", new long[] {1000, 2}, new long[] {0, 0}, new long[] {300, -1}, part0.ours());
            writer.addSlice("embedding", new long[] {1000, 2}, new long[] {300, 0}, new long[] {700, -1}, part1.ours());
            writer.finish();
        }
        assertFilesEqual(prefix, ours);
    }

    @Test
    void v1CheckpointsAreRejectedWithAnExplanation() throws IOException {
        String file = dir.resolve("model.ckpt-old").toString();
        Sample s = CheckpointSamples.floats("w", new SplittableRandom(7), 4);
        tensorFlow.saveV1(file, List.of("w"), List.of(s.theirs()));
        assertTrue(Files.isRegularFile(Path.of(file)));
        UnsupportedCheckpointException e = assertThrows(UnsupportedCheckpointException.class, () -> BundleReader.open(file));
        assertTrue(e.getMessage().contains(file) && e.getMessage().contains("V1"), e.getMessage());
    }

    private static void assertFilesEqual(String expectedPrefix, String actualPrefix) throws IOException {
        for (String suffix : new String[] {".data-00000-of-00001", ".index"}) {
            byte[] expected = Files.readAllBytes(Path.of(expectedPrefix + suffix));
            byte[] actual = Files.readAllBytes(Path.of(actualPrefix + suffix));
            assertEquals(expected.length, actual.length, suffix + " size");
            for (int i = 0; i < expected.length; i++) {
                if (expected[i] != actual[i]) {
                    throw new AssertionError(suffix + " differs first at byte " + i + " of " + expected.length);
                }
            }
        }
    }
}
