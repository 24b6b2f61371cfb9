package dev.imgcls.data.tfrecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Byte-exact framing (tf-formats.md §7.2) and round trips through every compression. */
class TFRecordFormatTest {

    /** TF 2.18's DatasetToTFRecord output for the records "hello" and "". */
    static final byte[] HELLO_EMPTY = HexFormat.ofDelimiter(" ").parseHex(
            "05 00 00 00 00 00 00 00 ea b2 04 3e 68 65 6c 6c 6f bb 1f 1c 19 "
                    + "00 00 00 00 00 00 00 00 29 03 98 07 d8 ea 82 a2");

    static byte[] write(Compression compression, List<byte[]> records) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TFRecordWriter writer = new TFRecordWriter(bytes, compression)) {
            for (byte[] r : records) {
                writer.write(r);
            }
            writer.commit();
            assertEquals(records.size(), writer.recordsWritten());
        }
        return bytes.toByteArray();
    }

    static List<byte[]> readAll(byte[] file, Compression compression, long size) throws IOException {
        List<byte[]> records = new ArrayList<>();
        try (TFRecordReader reader = new TFRecordReader(new ByteArrayInputStream(file), "test.tfrecord", compression, size)) {
            for (TFRecord r; (r = reader.next()) != null; ) {
                assertEquals(records.size(), r.location().index());
                records.add(r.payload());
            }
            assertNull(reader.next(), "end of file stays the end");
        }
        return records;
    }

    private static List<byte[]> helloAndEmpty() {
        return List.of("hello".getBytes(StandardCharsets.US_ASCII), new byte[0]);
    }

    @Test
    void writesTheBytesTensorFlowWrites() throws IOException {
        assertArrayEquals(HELLO_EMPTY, write(Compression.NONE, helloAndEmpty()));
    }

    @Test
    void readsTheBytesTensorFlowWrote() throws IOException {
        List<byte[]> records = readAll(HELLO_EMPTY, Compression.NONE, HELLO_EMPTY.length);
        assertEquals(2, records.size());
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), records.get(0));
        assertArrayEquals(new byte[0], records.get(1));
        assertEquals(2, readAll(HELLO_EMPTY, Compression.NONE, -1).size(), "size unknown");
    }

    @Test
    void recordLocationsCountFramedBytes() throws IOException {
        try (TFRecordReader reader = new TFRecordReader(new ByteArrayInputStream(HELLO_EMPTY), "f", Compression.NONE, 37)) {
            assertEquals(new RecordLocation("f", 0, 0), reader.next().location());
            assertEquals(new RecordLocation("f", 1, 21), reader.next().location());
            assertEquals(37, reader.offset());
            assertEquals(2, reader.recordsRead());
        }
    }

    @Test
    void emptyFileHasNoRecords() throws IOException {
        assertEquals(0, readAll(new byte[0], Compression.NONE, 0).size());
        assertEquals(0, write(Compression.NONE, List.of()).length);
    }

    @Test
    void gzipIsAWholeStreamAroundTheFraming() throws IOException {
        byte[] gz = write(Compression.GZIP, helloAndEmpty());
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 0x08}, java.util.Arrays.copyOf(gz, 3));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertArrayEquals(HELLO_EMPTY, in.readAllBytes());
        }
    }

    @Test
    void zlibIsAWholeStreamAroundTheFraming() throws IOException {
        byte[] z = write(Compression.ZLIB, helloAndEmpty());
        assertArrayEquals(new byte[] {0x78, (byte) 0x9c}, java.util.Arrays.copyOf(z, 2));
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(z))) {
            assertArrayEquals(HELLO_EMPTY, in.readAllBytes());
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void roundTripsRecordsOfAwkwardSizes(Compression compression) throws IOException {
        SplittableRandom random = new SplittableRandom(compression.ordinal() + 11);
        List<byte[]> records = new ArrayList<>();
        // Sizes around the reader's and writer's buffer boundaries, plus the empty record.
        for (int size : new int[] {0, 1, 15, 16, 4095, 65_536, 262_143, 262_144, 1_500_001, 3, 0}) {
            byte[] r = new byte[size];
            for (int i = 0; i < size; i++) {
                // Half random, half a repeated pattern, so deflate has work both ways.
                r[i] = (byte) (i % 2 == 0 ? random.nextInt(256) : i / 7);
            }
            records.add(r);
        }
        byte[] file = write(compression, records);
        List<byte[]> back = readAll(file, compression, file.length);
        assertEquals(records.size(), back.size());
        for (int i = 0; i < records.size(); i++) {
            assertArrayEquals(records.get(i), back.get(i), "record " + i);
        }
    }

    @Test
    void writerRespectsTheGivenRange() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TFRecordWriter writer = new TFRecordWriter(bytes, Compression.NONE)) {
            writer.write("xxhelloyy".getBytes(StandardCharsets.US_ASCII), 2, 5);
            writer.write(new byte[0]);
            writer.commit();
            assertThrows(IllegalStateException.class, () -> writer.write(new byte[1]));
        }
        assertArrayEquals(HELLO_EMPTY, bytes.toByteArray());
    }

    @Test
    void compressionNamesAreTensorFlows() {
        assertEquals(Compression.NONE, Compression.fromTfName(""));
        assertEquals(Compression.GZIP, Compression.fromTfName("GZIP"));
        assertEquals(Compression.ZLIB, Compression.fromTfName("ZLIB"));
        assertEquals("GZIP", Compression.GZIP.tfName());
        IllegalArgumentException snappy = assertThrows(IllegalArgumentException.class, () -> Compression.fromTfName("SNAPPY"));
        org.junit.jupiter.api.Assertions.assertTrue(snappy.getMessage().contains("not supported"));
        assertThrows(IllegalArgumentException.class, () -> Compression.fromTfName("gzip"));
    }
}
