package dev.imgcls.io;

import com.google.api.gax.retrying.RetrySettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GCS file system through the real client, against {@link FakeGcsServer} on localhost. */
class GcsFileSystemTest {

    private static final String BUCKET = "bucket";
    private static final int ONE_SHOT_LIMIT = 64 * 1024;

    private static FakeGcsServer server;
    private static GcsFileSystem fs;

    /** Short delays so the retry tests take milliseconds; the attempt count is the production one. */
    private static RetrySettings fastRetries() {
        return GcsClients.defaultRetrySettings().toBuilder()
                .setInitialRetryDelayDuration(Duration.ofMillis(5))
                .setMaxRetryDelayDuration(Duration.ofMillis(20))
                .setTotalTimeoutDuration(Duration.ofSeconds(20))
                .build();
    }

    @BeforeAll
    static void startServer() throws IOException {
        server = FakeGcsServer.start();
        fs = new GcsFileSystem(GcsClients.forEmulator(server.host(), fastRetries()),
                new GcsFileSystem.Options(ONE_SHOT_LIMIT, 256 * 1024, 100_000));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void fillBucket() {
        server.reset();
        server.createBucket(BUCKET);
        server.setPageSize(7); // force several pages per listing
        for (int i = 0; i < 100; i++) {
            server.put(BUCKET, String.format("train-%03d-100.tfrec", i), ("t" + i).getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 5; i++) {
            server.put(BUCKET, String.format("validation-%03d-005.tfrec", i), ("v" + i).getBytes(StandardCharsets.UTF_8));
        }
        server.put(BUCKET, "train-sub/train-000-100.tfrec", new byte[] {1});
        server.put(BUCKET, "data/", new byte[0]); // a "folder" placeholder, as the console creates
        server.put(BUCKET, "data/a.txt", new byte[] {1, 2, 3});
        server.put(BUCKET, "data/deeper/b.txt", new byte[] {4});
        server.clearRequests();
    }

    private static List<String> shards(String fmt, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add("gs://" + BUCKET + "/" + String.format(fmt, i));
        }
        return out;
    }

    @Test
    void referencePagePatterns() throws IOException {
        // '*' never crosses '/': train-sub/train-000-100.tfrec is not matched by train*.
        assertEquals(shards("train-%03d-100.tfrec", 0, 99), fs.glob("gs://bucket/train*"));
        assertEquals(shards("train-%03d-100.tfrec", 0, 99), fs.glob("gs://bucket/train-0??-100.tfrec"));
        assertEquals(shards("train-%03d-100.tfrec", 1, 9), fs.glob("gs://bucket/train-00[1-9]-100.tfrec"));
        assertEquals(List.of("gs://bucket/train-001-100.tfrec"), fs.glob("gs://bucket/train-001-100.tfrec"));
        assertEquals(shards("validation-%03d-005.tfrec", 0, 4), fs.glob("gs://bucket/validation*"));
        assertEquals(List.of("gs://bucket/train-sub/train-000-100.tfrec"), fs.glob("gs://bucket/*/train-*"));
        List<String> excluded = shards("train-%03d-100.tfrec", 0, 9);
        excluded.remove("gs://bucket/train-005-100.tfrec");
        assertEquals(excluded, fs.glob("gs://bucket/train-00[!5]-100.tfrec"));
    }

    @Test
    void globListsByTheLiteralPrefixAndFollowsPages() throws IOException {
        fs.glob("gs://bucket/train-00[1-9]-100.tfrec");
        List<String> lists = server.requests().stream().filter(r -> r.startsWith("GET /storage/v1/b/bucket/o?")).toList();
        assertTrue(lists.stream().allMatch(r -> r.contains("prefix=train-00")), lists.toString());
        assertEquals(2, lists.size(), "10 objects under the prefix, 7 per page: " + lists);
        assertTrue(lists.get(1).contains("pageToken="), lists.toString());
    }

    @Test
    void nothingMatchingIsAnErrorNamingThePattern() {
        for (String pattern : List.of("gs://bucket/test*", "gs://bucket/train-1??-100.tfrec", "gs://bucket/train-100-100.tfrec",
                "gs://bucket/nothing/*")) {
            NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> fs.glob(pattern));
            assertEquals(pattern + ": no files match this pattern", e.getMessage());
        }
        NoSuchFileException bucket = assertThrows(NoSuchFileException.class, () -> fs.glob("gs://no-such-bucket/train*"));
        assertTrue(bucket.getMessage().startsWith("gs://no-such-bucket/train*"), bucket.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fs.glob("gs://buck*/train*"));
        assertThrows(IllegalArgumentException.class, () -> fs.glob("gs:///train*"));
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    /** Writes {@code data} in uneven pieces, as a record writer would, and commits. */
    private static void writeInPieces(String path, byte[] data) throws IOException {
        try (AtomicOutputStream out = fs.create(path)) {
            for (int at = 0, piece = 1; at < data.length; at += piece, piece = piece * 3 % 40_001 + 1) {
                out.write(data, at, Math.min(piece, data.length - at));
            }
            out.commit();
        }
    }

    private static byte[] readAll(String path) throws IOException {
        try (InputStream in = fs.openRead(path)) {
            return in.readAllBytes();
        }
    }

    @Test
    void largeFileStreamsThroughAResumableUploadAndADownloadStream() throws IOException {
        byte[] data = randomBytes(800_000, 1);
        String path = "gs://bucket/out/train-000-001.tfrec";
        try (AtomicOutputStream out = fs.create(path)) {
            out.write(data);
            assertNull(server.get(BUCKET, "out/train-000-001.tfrec"), "not visible before commit");
            out.commit();
        }
        List<String> uploads = server.requests().stream().filter(r -> r.contains("/upload/")).toList();
        assertTrue(uploads.get(0).startsWith("POST") && uploads.get(0).contains("uploadType=resumable"), uploads.toString());
        assertTrue(uploads.stream().filter(r -> r.startsWith("PUT")).count() >= 3, "chunks of 256 KiB: " + uploads);
        server.clearRequests();
        assertArrayEquals(data, readAll(path));
        // One metadata lookup (size, generation) to open, then one download stream.
        List<String> reads = server.requests();
        assertEquals(1, reads.stream().filter(r -> r.contains("alt=media")).count(), reads.toString());
        assertTrue(reads.stream().filter(r -> r.contains("alt=media")).allMatch(r -> r.contains("generation=")),
                "downloads are pinned to the generation looked up first: " + reads);
        assertEquals(List.of(path), fs.glob("gs://bucket/out/train-*"));
    }

    @Test
    void manySmallWritesArriveInOrder() throws IOException {
        byte[] data = randomBytes(600_000, 2);
        writeInPieces("gs://bucket/out/pieces", data);
        assertArrayEquals(data, server.get(BUCKET, "out/pieces"));
        assertArrayEquals(data, readAll("gs://bucket/out/pieces"));
    }

    @Test
    void smallFileIsOneRequestAtCommit() throws IOException {
        try (AtomicOutputStream out = fs.create("gs://bucket/small.txt")) {
            out.write("hi".getBytes(StandardCharsets.UTF_8));
            assertTrue(server.requests().isEmpty(), "nothing is sent before commit");
            out.commit();
        }
        List<String> requests = server.requests();
        assertEquals(1, requests.size(), requests.toString());
        assertTrue(requests.get(0).startsWith("POST /upload/storage/v1/b/bucket/o?") && requests.get(0).contains("uploadType=multipart"),
                requests.toString());
        try (InputStream in = fs.openRead("gs://bucket/small.txt")) {
            assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
        assertEquals(2, fs.size("gs://bucket/small.txt"));
    }

    @Test
    void abandonedWritesCreateNothingAndKeepTheOldObject() throws IOException {
        try (AtomicOutputStream out = fs.create("gs://bucket/train-001-100.tfrec")) {
            out.write(new byte[ONE_SHOT_LIMIT * 10]); // large enough to be a resumable upload in flight
        }
        try (AtomicOutputStream out = fs.create("gs://bucket/new-small")) {
            out.write(new byte[10]);
        }
        assertArrayEquals("t1".getBytes(StandardCharsets.UTF_8), server.get(BUCKET, "train-001-100.tfrec"));
        assertNull(server.get(BUCKET, "new-small"));
        assertEquals(1, server.unfinishedUploads(), "the abandoned session is left to expire on the server");
    }

    @Test
    void commitReplacesAtomically() throws IOException {
        byte[] big = new byte[ONE_SHOT_LIMIT * 3];
        Arrays.fill(big, (byte) 7);
        try (AtomicOutputStream out = fs.create("gs://bucket/train-002-100.tfrec")) {
            out.write(big);
            assertArrayEquals("t2".getBytes(StandardCharsets.UTF_8), server.get(BUCKET, "train-002-100.tfrec"));
            out.commit();
        }
        assertArrayEquals(big, server.get(BUCKET, "train-002-100.tfrec"));
    }

    @Test
    void transientErrorsAreRetried() throws IOException {
        server.failNextRequests(2, 503);
        assertEquals(shards("validation-%03d-005.tfrec", 0, 4), fs.glob("gs://bucket/validation*"));
        server.failNextRequests(2, 503);
        try (InputStream in = fs.openRead("gs://bucket/data/a.txt")) {
            assertArrayEquals(new byte[] {1, 2, 3}, in.readAllBytes());
        }
        server.failNextRequests(2, 429);
        try (AtomicOutputStream out = fs.create("gs://bucket/retried")) {
            out.write(new byte[] {9});
            out.commit();
        }
        assertArrayEquals(new byte[] {9}, server.get(BUCKET, "retried"));
        server.failNextRequests(2, 503);
        byte[] large = randomBytes(ONE_SHOT_LIMIT * 6, 3); // a resumable upload
        writeInPieces("gs://bucket/retried.tfrec", large);
        server.failNextRequests(1, 500);
        assertArrayEquals(large, readAll("gs://bucket/retried.tfrec"));
    }

    @Test
    void persistentErrorsNameThePath() {
        server.failNextRequests(1000, 503);
        IOException e = assertThrows(IOException.class, () -> fs.size("gs://bucket/data/a.txt"));
        assertTrue(e.getMessage().contains("gs://bucket/data/a.txt") && e.getMessage().contains("503"), e.getMessage());
        server.failNextRequests(0, 0);
    }

    @Test
    void fileOperations() throws IOException {
        assertTrue(fs.exists("gs://bucket/data/a.txt"));
        assertTrue(fs.exists("gs://bucket/data"), "a prefix with objects under it is a directory");
        assertTrue(fs.exists("gs://bucket/data/deeper/"));
        assertTrue(fs.exists("gs://bucket"));
        assertFalse(fs.exists("gs://bucket/dat"));
        assertFalse(fs.exists("gs://other-bucket"));
        assertEquals(List.of("a.txt", "deeper"), fs.list("gs://bucket/data"));
        assertEquals(List.of("a.txt", "deeper"), fs.list("gs://bucket/data/"));
        assertEquals(3, fs.size("gs://bucket/data/a.txt"));
        fs.mkdirs("gs://bucket/new/dir");
        fs.delete("gs://bucket/data/a.txt");
        assertFalse(fs.exists("gs://bucket/data/a.txt"));
        assertThrows(NoSuchFileException.class, () -> fs.delete("gs://bucket/data/a.txt"));
        assertThrows(NoSuchFileException.class, () -> fs.size("gs://bucket/data/a.txt"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> fs.openRead("gs://bucket/data/a.txt"));
        assertEquals("gs://bucket/data/a.txt", e.getFile());
        assertThrows(IllegalArgumentException.class, () -> fs.create("gs://bucket/dir/"));
    }

    @Test
    void resolverAndEnvironmentConfiguration() throws IOException {
        FileSystems systems = new FileSystems(new LocalFileSystem(), () -> fs);
        assertSame(fs, systems.resolve("gs://bucket/train*"));
        String previous = System.getProperty(GcsClients.HOST_PROPERTY);
        System.setProperty(GcsClients.HOST_PROPERTY, server.host().substring("http://".length()));
        try {
            GcsFileSystem fromEnvironment = GcsFileSystem.fromEnvironment();
            assertEquals(shards("validation-%03d-005.tfrec", 0, 4), fromEnvironment.glob("gs://bucket/validation-*"));
        } finally {
            if (previous == null) {
                System.clearProperty(GcsClients.HOST_PROPERTY);
            } else {
                System.setProperty(GcsClients.HOST_PROPERTY, previous);
            }
        }
    }
}
