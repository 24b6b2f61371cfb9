package dev.imgcls.data.tfrecord;

import dev.imgcls.io.FakeGcs;
import dev.imgcls.io.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** TFRecord files written to and read from {@code gs://} through the real client and io's fake server. */
class TFRecordOnGcsTest {

    private static FakeGcs gcs;
    private static FileSystem fs;

    @BeforeAll
    static void start() throws IOException {
        gcs = FakeGcs.start("bucket");
        fs = gcs.fileSystems().resolve("gs://bucket/");
    }

    @AfterAll
    static void stop() {
        gcs.close();
    }

    private static List<byte[]> randomRecords(int count, int maxSize, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] r = new byte[random.nextInt(maxSize)];
            random.nextBytes(r);
            records.add(r);
        }
        return records;
    }

    private static void roundTrip(String name, Compression compression, List<byte[]> records) throws IOException {
        String path = "gs://bucket/" + name;
        try (TFRecordWriter writer = TFRecordWriter.create(fs, path, compression)) {
            for (byte[] r : records) {
                writer.write(r);
            }
            assertFalse(gcs.objectNames("bucket").contains(name), "not visible before commit");
            writer.commit();
        }
        try (TFRecordReader reader = TFRecordReader.open(fs, path, compression)) {
            for (int i = 0; i < records.size(); i++) {
                TFRecord r = reader.next();
                assertArrayEquals(records.get(i), r.payload(), "record " + i);
                assertEquals(path, r.location().source());
                assertEquals(i, r.location().index());
            }
            assertNull(reader.next());
        }
    }

    @Test
    void largeFileRoundTrip() throws IOException {
        roundTrip("out/train-000-001.tfrec", Compression.NONE, randomRecords(40, 40_000, 1)); // about 800 KB
    }

    @Test
    void gzipRoundTrip() throws IOException {
        roundTrip("out/train.tfrecord.gz", Compression.GZIP, randomRecords(30, 30_000, 2));
    }
}
