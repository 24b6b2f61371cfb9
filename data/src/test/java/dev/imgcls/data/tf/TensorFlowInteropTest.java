package dev.imgcls.data.tf;

import dev.imgcls.data.example.ImageExampleBuilder;
import dev.imgcls.data.example.ImageExampleParser;
import dev.imgcls.data.example.LabeledImage;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.TFRecord;
import dev.imgcls.data.tfrecord.TFRecordReader;
import dev.imgcls.data.tfrecord.TFRecordWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Real TensorFlow reads what we write and writes what we read. */
class TensorFlowInteropTest {

    private static TensorFlowOracle tensorFlow;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadTensorFlow() {
        tensorFlow = new TensorFlowOracle();
    }

    /** Image-like records: random "encoded" bytes of awkward sizes (0 to ~300 kB) and labels. */
    private static List<byte[]> examples(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> records = new ArrayList<>();
        for (int size : new int[] {0, 1, 777, 65_537, 300_001, 12}) {
            byte[] image = new byte[size];
            for (int i = 0; i < size; i++) {
                image[i] = (byte) random.nextInt(256);
            }
            records.add(new ImageExampleBuilder().encoded(image).label(random.nextLong(-5, 5000)).format("JPEG")
                    .height(size).width(3).channels(3).colorspace("RGB").filename("img" + size + ".jpg").toByteArray());
        }
        return records;
    }

    private static LabeledImage ours(byte[] record) throws IOException {
        return ImageExampleParser.parse(record, null);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void tensorFlowReadsOurFilesAndExamples(Compression compression) throws IOException {
        List<byte[]> records = examples(compression.ordinal());
        String path = dir.resolve("ours.tfrecord").toString();
        try (TFRecordWriter writer = TFRecordWriter.create(path, compression)) {
            for (byte[] r : records) {
                writer.write(r);
            }
            writer.commit();
        }
        List<byte[]> read = tensorFlow.readRecords(path, compression.tfName());
        assertEquals(records.size(), read.size());
        for (int i = 0; i < records.size(); i++) {
            assertArrayEquals(records.get(i), read.get(i), "record " + i);
            TensorFlowOracle.ParsedImage parsed = tensorFlow.parseImageExample(read.get(i));
            LabeledImage expected = ours(records.get(i));
            assertArrayEquals(expected.encoded(), parsed.encoded(), "image of record " + i);
            assertEquals(expected.label(), parsed.label(), "label of record " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void weReadFilesTensorFlowWrote(Compression compression) throws IOException {
        List<byte[]> records = examples(10 + compression.ordinal());
        String path = dir.resolve("theirs.tfrecord").toString();
        tensorFlow.writeRecords(path, compression.tfName(), records);
        List<byte[]> read = new ArrayList<>();
        try (TFRecordReader reader = TFRecordReader.open(path, compression)) {
            for (TFRecord r; (r = reader.next()) != null; ) {
                read.add(r.payload());
                LabeledImage image = ImageExampleParser.parse(r);
                TensorFlowOracle.ParsedImage theirs = tensorFlow.parseImageExample(r.payload());
                assertArrayEquals(theirs.encoded(), image.encoded());
                assertEquals(theirs.label(), image.label());
            }
        }
        assertEquals(records.size(), read.size());
        for (int i = 0; i < records.size(); i++) {
            assertArrayEquals(records.get(i), read.get(i), "record " + i);
        }
    }

    @Test
    void tensorFlowWritesTheDocumentedBytes() throws IOException {
        Path path = dir.resolve("hello.tfrecord");
        tensorFlow.writeRecords(path.toString(), "", List.of("hello".getBytes(StandardCharsets.US_ASCII), new byte[0]));
        assertArrayEquals(HexFormat.ofDelimiter(" ").parseHex("05 00 00 00 00 00 00 00 ea b2 04 3e 68 65 6c 6c 6f bb 1f 1c 19 "
                + "00 00 00 00 00 00 00 00 29 03 98 07 d8 ea 82 a2"), Files.readAllBytes(path));
    }

    @Test
    void weParseExamplesTensorFlowSerialized() throws IOException {
        byte[] image = new byte[70_000];
        new SplittableRandom(3).nextBytes(image);
        for (long label : new long[] {0, 1, 999, -1, Long.MAX_VALUE}) {
            byte[] example = tensorFlow.encodeImageExample(image, label);
            TensorFlowOracle.ParsedImage theirs = tensorFlow.parseImageExample(example);
            assertEquals(label, theirs.label(), "TensorFlow reads back its own Example");
            LabeledImage parsed = ours(example);
            assertArrayEquals(image, parsed.encoded());
            assertEquals(label, parsed.label());
        }
    }
}
