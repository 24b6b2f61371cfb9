package dev.imgcls.data.tfrecord;

import dev.imgcls.io.Crc32c;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a file can be damaged gives a TF-worded error naming file, record and offset. */
class TFRecordCorruptionTest {

    private static final String FILE = "gs://bucket/train-003-100.tfrec";

    /** Three records of 10, 20 and 30 bytes: headers at offsets 0, 26 and 62; 108 bytes in all. */
    private static byte[] threeRecords() throws IOException {
        List<byte[]> records = new ArrayList<>();
        for (int n = 10; n <= 30; n += 10) {
            byte[] r = new byte[n];
            Arrays.fill(r, (byte) n);
            records.add(r);
        }
        return TFRecordFormatTest.write(Compression.NONE, records);
    }

    /** Reads everything and returns the error that stopped it. */
    private static CorruptRecordException failure(byte[] file, Compression compression, long size) {
        return assertThrows(CorruptRecordException.class, () -> {
            try (TFRecordReader reader = new TFRecordReader(new ByteArrayInputStream(file), FILE, compression, size)) {
                while (reader.next() != null) {
                    // keep reading
                }
            }
        });
    }

    private static void assertNames(CorruptRecordException e, String kind, long index, long offset) {
        String m = e.getMessage();
        assertTrue(m.startsWith(kind + " record at offset " + offset + " (record " + index + ") in " + FILE), m);
        assertEquals(new RecordLocation(FILE, index, offset), e.location());
    }

    @Test
    void payloadChecksumMismatch() throws IOException {
        byte[] file = threeRecords();
        assertEquals(108, file.length);
        file[62 + 12 + 5] ^= 1; // a payload byte of the third record
        CorruptRecordException e = failure(file, Compression.NONE, file.length);
        assertNames(e, "corrupted", 2, 62);
        assertTrue(e.getMessage().contains("checksum of the 30-byte payload"), e.getMessage());
    }

    @Test
    void payloadChecksumFieldDamaged() throws IOException {
        byte[] file = threeRecords();
        file[26 + 12 + 20] ^= (byte) 0x80; // first byte of the second record's payload CRC
        assertNames(failure(file, Compression.NONE, file.length), "corrupted", 1, 26);
    }

    @Test
    void lengthChecksumMismatch() throws IOException {
        byte[] file = threeRecords();
        file[26 + 9] ^= 4; // the second record's length CRC
        CorruptRecordException e = failure(file, Compression.NONE, file.length);
        assertNames(e, "corrupted", 1, 26);
        assertTrue(e.getMessage().contains("length field"), e.getMessage());
    }

    @Test
    void damagedFirstRecordAsksTensorFlowsQuestion() throws IOException {
        byte[] file = threeRecords();
        file[0] = 11; // length 10 -> 11, CRC no longer matches
        CorruptRecordException e = failure(file, Compression.NONE, file.length);
        assertNames(e, "corrupted", 0, 0);
        assertTrue(e.getMessage().contains("(Is this even a TFRecord file?)"), e.getMessage());
    }

    @Test
    void compressedFileReadAsPlainSaysWhichCompression() throws IOException {
        byte[] gz = TFRecordFormatTest.write(Compression.GZIP, List.of(new byte[100]));
        CorruptRecordException e = failure(gz, Compression.NONE, gz.length);
        assertTrue(e.getMessage().contains("read it with compression GZIP"), e.getMessage());
        byte[] z = TFRecordFormatTest.write(Compression.ZLIB, List.of(new byte[100]));
        e = failure(z, Compression.NONE, z.length);
        assertTrue(e.getMessage().contains("read it with compression ZLIB"), e.getMessage());
    }

    @Test
    void truncatedInsideHeader() throws IOException {
        byte[] file = Arrays.copyOf(threeRecords(), 62 + 5);
        CorruptRecordException e = failure(file, Compression.NONE, file.length);
        assertNames(e, "truncated", 2, 62);
        assertTrue(e.getMessage().contains("5 bytes into the 12-byte record header"), e.getMessage());
    }

    @Test
    void truncatedInsidePayload() throws IOException {
        byte[] file = Arrays.copyOf(threeRecords(), 62 + 12 + 7);
        // With the size known, the length is checked against what remains before reading.
        CorruptRecordException known = failure(file, Compression.NONE, file.length);
        assertNames(known, "truncated", 2, 62);
        assertTrue(known.getMessage().contains("payload of 30 bytes but only 7 bytes remain"), known.getMessage());
        // Without it, the read runs out.
        CorruptRecordException unknown = failure(file, Compression.NONE, -1);
        assertNames(unknown, "truncated", 2, 62);
        assertTrue(unknown.getMessage().contains("ends after 7"), unknown.getMessage());
    }

    @Test
    void truncatedInsidePayloadChecksum() throws IOException {
        byte[] file = Arrays.copyOf(threeRecords(), 108 - 2);
        assertNames(failure(file, Compression.NONE, -1), "truncated", 2, 62);
        assertNames(failure(file, Compression.NONE, file.length), "truncated", 2, 62);
    }

    @Test
    void truncatedCompressedStream() throws IOException {
        for (Compression c : new Compression[] {Compression.GZIP, Compression.ZLIB}) {
            byte[] whole = TFRecordFormatTest.write(c, List.of(new byte[5000], new byte[7000]));
            byte[] cut = Arrays.copyOf(whole, whole.length - 12);
            CorruptRecordException e = failure(cut, c, cut.length);
            assertTrue(e.getMessage().contains(FILE), e.getMessage());
            assertTrue(e.getMessage().contains(c.name()), e.getMessage());
        }
    }

    @Test
    void gzipRequestedForAPlainFile() throws IOException {
        byte[] plain = threeRecords();
        CorruptRecordException e = failure(plain, Compression.GZIP, plain.length);
        assertTrue(e.getMessage().contains("not a GZIP stream"), e.getMessage());
    }

    /** A header whose length field has a valid checksum, so only the length itself is wrong. */
    private static byte[] headerAnnouncing(long length) {
        byte[] header = new byte[12];
        LittleEndian.putLong(header, 0, length);
        LittleEndian.putInt(header, 8, Crc32c.maskedCrc(header, 0, 8));
        return header;
    }

    @Test
    void lengthBeyondTheFileIsRejectedBeforeAllocating() {
        byte[] file = Arrays.copyOf(headerAnnouncing(600L << 20), 40);
        CorruptRecordException e = failure(file, Compression.NONE, file.length);
        assertNames(e, "truncated", 0, 0);
        assertTrue(e.getMessage().contains("629145600 bytes but only 28 bytes"), e.getMessage());
    }

    @Test
    void absurdLengthIsAnError() {
        for (long length : new long[] {(1L << 30) + 1, 1L << 40, -1L}) {
            CorruptRecordException e = failure(headerAnnouncing(length), Compression.NONE, -1);
            assertNames(e, "corrupted", 0, 0);
            assertTrue(e.getMessage().contains("over the limit of 1073741824 bytes"), e.getMessage());
            assertTrue(e.getMessage().contains(Long.toUnsignedString(length)), e.getMessage());
        }
    }

    @Test
    void lyingLengthInAStreamOfUnknownSizeCostsLittleMemory() {
        // 900 MiB announced, 100 bytes present, size unknown (as for any compressed file).
        byte[] file = Arrays.copyOf(headerAnnouncing(900L << 20), 112);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        CorruptRecordException e = failure(file, Compression.NONE, -1);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertNames(e, "truncated", 0, 0);
        assertTrue(allocated < 8L << 20, "allocated " + allocated + " bytes for a 100-byte stream");
    }

    @Test
    void ioErrorsNameTheRecord() {
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served < HELLO_LENGTH) {
                    return TFRecordFormatTest.HELLO_EMPTY[served++] & 0xFF;
                }
                throw new IOException("connection reset");
            }
        };
        RecordException e = assertThrows(RecordException.class, () -> {
            try (TFRecordReader reader = new TFRecordReader(failing, FILE, Compression.NONE, -1)) {
                assertNotNull(reader.next());
                reader.next();
            }
        });
        assertEquals(new RecordLocation(FILE, 1, 21), e.location());
        assertTrue(e.getMessage().contains("record 1 at offset 21 of " + FILE) && e.getMessage().contains("connection reset"),
                e.getMessage());
    }

    private static final int HELLO_LENGTH = 21 + 5;

    @Test
    void writtenFileIsTheOneWeChecked() throws IOException {
        // Guard for the offsets used above.
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int n = 10; n <= 30; n += 10) {
            expected.write(headerAnnouncing(n));
            byte[] r = new byte[n];
            Arrays.fill(r, (byte) n);
            expected.write(r);
            byte[] crc = new byte[4];
            LittleEndian.putInt(crc, 0, Crc32c.maskedCrc(r, 0, n));
            expected.write(crc);
        }
        assertEquals(List.of(), diff(expected.toByteArray(), threeRecords()));
    }

    private static List<Integer> diff(byte[] a, byte[] b) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            if (i >= a.length || i >= b.length || a[i] != b[i]) {
                at.add(i);
            }
        }
        return at;
    }
}
