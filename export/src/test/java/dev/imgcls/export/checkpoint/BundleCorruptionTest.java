package dev.imgcls.export.checkpoint;

import dev.imgcls.export.proto.BundleEntryProto;
import dev.imgcls.export.proto.BundleHeaderProto;
import dev.imgcls.export.proto.DataType;
import dev.imgcls.export.proto.TensorShapeProto;
import dev.imgcls.export.proto.VersionDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged and unsupported checkpoints fail with errors that name the file and the variable. */
class BundleCorruptionTest {

    @TempDir
    Path dir;

    /** The golden bundle: data block at 0 (116 bytes), metaindex at 121, index block at 134, footer at 153. */
    private String golden() throws IOException {
        return BundleGoldenTest.writeGolden(dir);
    }

    private static Path index(String prefix) {
        return Path.of(prefix + ".index");
    }

    private static Path data(String prefix) {
        return Path.of(prefix + ".data-00000-of-00001");
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void aFlippedByteInTheIndexDataBlockFailsItsChecksum() throws IOException {
        String prefix = golden();
        for (int offset : new int[] {0, 17, 60, 115, 116}) { // entries, restart array, and the type byte of the trailer
            byte[] bytes = BundleGoldenTest.GOLDEN_INDEX.clone();
            bytes[offset] ^= 0x20;
            Files.write(index(prefix), bytes);
            CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> BundleReader.open(prefix), "offset " + offset);
            assertMessage(e, index(prefix).toString(), "data block at offset 0", "checksum mismatch");
        }
    }

    @Test
    void aFlippedByteInTheIndexBlockOrItsStoredChecksumIsReported() throws IOException {
        String prefix = golden();
        for (int offset : new int[] {134, 140, 148, 151}) {
            byte[] bytes = BundleGoldenTest.GOLDEN_INDEX.clone();
            bytes[offset] ^= 0x01;
            Files.write(index(prefix), bytes);
            CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> BundleReader.open(prefix), "offset " + offset);
            assertMessage(e, index(prefix).toString(), "index block at offset 134", "checksum mismatch");
        }
    }

    @Test
    void truncatedIndexFilesAreReported() throws IOException {
        String prefix = golden();
        for (int length : new int[] {0, 20, 47, 100, 200}) {
            Files.write(index(prefix), Arrays.copyOf(BundleGoldenTest.GOLDEN_INDEX, length));
            CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> BundleReader.open(prefix), "length " + length);
            assertMessage(e, index(prefix).toString());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void aBadMagicNumberIsReported() throws IOException {
        String prefix = golden();
        byte[] bytes = BundleGoldenTest.GOLDEN_INDEX.clone();
        bytes[bytes.length - 1] = 0x00;
        Files.write(index(prefix), bytes);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> BundleReader.open(prefix));
        assertMessage(e, index(prefix).toString(), "magic number", "0x00477524");
    }

    @Test
    void aFooterPointingOutsideTheFileIsReported() throws IOException {
        String prefix = golden();
        byte[] bytes = BundleGoldenTest.GOLDEN_INDEX.clone();
        bytes[157] = 0x7f; // the index handle's size, 14, becomes 127
        Files.write(index(prefix), bytes);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> BundleReader.open(prefix));
        assertMessage(e, index(prefix).toString(), "index block", "runs past the end of the file");
    }

    @Test
    void aTruncatedDataFileNamesTheFirstVariableItCannotHold() throws IOException {
        String prefix = golden();
        Files.write(data(prefix), Arrays.copyOf(BundleGoldenTest.GOLDEN_DATA, 12));
        BundleReader reader = BundleReader.open(prefix);
        reader.read("a"); // bytes [0, 8) are still there
        CheckpointFormatException b = assertThrows(CheckpointFormatException.class, () -> reader.read("b"));
        assertMessage(b, data(prefix).toString(), "'b'", "truncated", "[8, 16)", "ends at 12");
        CheckpointFormatException s = assertThrows(CheckpointFormatException.class, () -> reader.read("s"));
        assertMessage(s, data(prefix).toString(), "'s'", "truncated");
        CheckpointFormatException whole = assertThrows(CheckpointFormatException.class, reader::checkDataFiles);
        assertMessage(whole, data(prefix).toString(), "truncated", "12 bytes", "needs 31");
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        String prefix = golden();
        Files.delete(data(prefix));
        BundleReader reader = BundleReader.open(prefix); // the index alone lists the variables
        NoSuchFileException noData = assertThrows(NoSuchFileException.class, () -> reader.read("a"));
        assertMessage(noData, data(prefix).toString(), "'a'", "missing");
        assertThrows(NoSuchFileException.class, reader::checkDataFiles);

        String absent = dir.resolve("nothing/model.ckpt-3").toString();
        NoSuchFileException noIndex = assertThrows(NoSuchFileException.class, () -> BundleReader.open(absent));
        assertMessage(noIndex, absent + ".index");
    }

    @Test
    void aCorruptStringLengthIsCaughtByTheLengthChecksum() throws IOException {
        String prefix = golden();
        byte[] bytes = BundleGoldenTest.GOLDEN_DATA.clone();
        bytes[16] = 0x01; // "hi" is stored as length 2; claim 1
        Files.write(data(prefix), bytes);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> BundleReader.open(prefix).read("s"));
        assertMessage(e, "'s'", data(prefix).toString(), "string lengths");
    }

    @Test
    void snappyBlocksAreRejectedAsUnsupported() throws IOException {
        String prefix = golden();
        byte[] bytes = BundleGoldenTest.GOLDEN_INDEX.clone();
        bytes[116] = TableFormat.SNAPPY_COMPRESSION;
        writeFixed32(bytes, 117, TableFormat.blockChecksum(bytes, 0, 116, TableFormat.SNAPPY_COMPRESSION));
        Files.write(index(prefix), bytes);
        UnsupportedCheckpointException e = assertThrows(UnsupportedCheckpointException.class, () -> BundleReader.open(prefix));
        assertMessage(e, index(prefix).toString(), "snappy");
    }

    @Test
    void bigEndianAndNewerBundlesAreRejected() throws IOException {
        String bigEndian = writeIndex("big", BundleHeaderProto.newBuilder().setNumShards(1)
                .setEndianness(BundleHeaderProto.Endianness.BIG).setVersion(VersionDef.newBuilder().setProducer(1)).build());
        assertMessage(assertThrows(UnsupportedCheckpointException.class, () -> BundleReader.open(bigEndian)), "big-endian", bigEndian);

        String newer = writeIndex("newer", BundleHeaderProto.newBuilder().setNumShards(1)
                .setVersion(VersionDef.newBuilder().setProducer(3).setMinConsumer(2)).build());
        assertMessage(assertThrows(UnsupportedCheckpointException.class, () -> BundleReader.open(newer)), "newer reader", "min_consumer 2");

        String banned = writeIndex("banned", BundleHeaderProto.newBuilder().setNumShards(1)
                .setVersion(VersionDef.newBuilder().setProducer(2).addBadConsumers(1)).build());
        assertThrows(UnsupportedCheckpointException.class, () -> BundleReader.open(banned));
    }

    @Test
    void unreadableDtypesAreListedButNotRead() throws IOException {
        String prefix = writeIndex("variant", header(), "handle", BundleEntryProto.newBuilder().setDtype(DataType.DT_VARIANT)
                .setShape(TensorShapeProto.getDefaultInstance()).setSize(4).build());
        Files.write(data(prefix), new byte[4]);
        BundleReader reader = BundleReader.open(prefix);
        assertTrue(reader.contains("handle"));
        UnsupportedCheckpointException e = assertThrows(UnsupportedCheckpointException.class, () -> reader.read("handle"));
        assertMessage(e, "'handle'", "DT_VARIANT");
    }

    @Test
    void anEntryWhoseSizeDisagreesWithItsShapeIsCorrupt() throws IOException {
        String prefix = writeIndex("size", header(), "w", BundleEntryProto.newBuilder().setDtype(DataType.DT_FLOAT)
                .setShape(BundleWriter.shapeProto(new long[] {3})).setSize(8).build());
        Files.write(data(prefix), new byte[8]);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> BundleReader.open(prefix).read("w"));
        assertMessage(e, "'w'", "8 bytes", "needs 12");
    }

    @Test
    void anEntryThatDoesNotParseIsNamed() throws IOException {
        TableWriter table = new TableWriter();
        table.add(BundleKeys.HEADER, header().toByteArray());
        table.add(BundleKeys.forName("broken"), new byte[] {0x0a, 0x7f}); // field 1, length 127 with nothing after
        String prefix = dir.resolve("unparsable").toString();
        Files.write(index(prefix), table.finish());
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> BundleReader.open(prefix));
        assertMessage(e, index(prefix).toString(), "'broken'", "does not parse");
    }

    @Test
    void aSingleFileWithoutIndexIsReportedAsV1() throws IOException {
        Path v1 = dir.resolve("model.ckpt-100");
        Files.write(v1, new byte[] {1, 2, 3});
        UnsupportedCheckpointException e = assertThrows(UnsupportedCheckpointException.class, () -> BundleReader.open(v1.toString()));
        assertMessage(e, v1.toString(), "V1");
    }

    @Test
    void aDirectoryIsNotAPrefix() throws IOException {
        golden();
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> BundleReader.open(dir.toString()));
        assertMessage(e, "is a directory", "CheckpointPaths");
    }

    @Test
    void aLargeCorruptFloatTensorNamesTheVariable() throws IOException {
        String prefix = dir.resolve("large").toString();
        var sample = CheckpointSamples.floats("head/dense/kernel", new SplittableRandom(3), 640, 1001);
        try (BundleWriter writer = BundleWriter.create(prefix)) {
            writer.add("global_step", dev.imgcls.tensor.Tensor.ofLongs(new long[] {1}));
            writer.add("head/dense/kernel", sample.ours());
            writer.finish();
        }
        byte[] bytes = Files.readAllBytes(data(prefix));
        bytes[bytes.length / 2] ^= (byte) 0x80;
        Files.write(data(prefix), bytes);
        BundleReader reader = BundleReader.open(prefix);
        assertArrayEquals(new long[] {1}, reader.readTensor("global_step").toLongArray());
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> reader.read("head/dense/kernel"));
        assertMessage(e, "'head/dense/kernel'", data(prefix).toString(), "checksum mismatch", "stored crc32c 0x");
        assertThrows(CheckpointFormatException.class, () -> reader.readAll(name -> true));
    }

    private static BundleHeaderProto header() {
        return BundleHeaderProto.newBuilder().setNumShards(1).setVersion(VersionDef.newBuilder().setProducer(1)).build();
    }

    /** An index with the given header and at most one entry, built with the table writer. */
    private String writeIndex(String name, BundleHeaderProto header, Object... keyAndEntry) throws IOException {
        TableWriter table = new TableWriter();
        table.add(BundleKeys.HEADER, header.toByteArray());
        if (keyAndEntry.length == 2) {
            table.add(BundleKeys.forName((String) keyAndEntry[0]), ((BundleEntryProto) keyAndEntry[1]).toByteArray());
        }
        String prefix = dir.resolve(name).toString();
        Files.write(index(prefix), table.finish());
        return prefix;
    }

    private static void writeFixed32(byte[] b, int offset, int value) {
        for (int i = 0; i < 4; i++) {
            b[offset + i] = (byte) (value >>> (8 * i));
        }
    }
}
