package dev.imgcls.io;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalFileSystemTest {

    @TempDir
    Path dir;
    private final LocalFileSystem fs = new LocalFileSystem();
    private String root;

    /** train-000-100.tfrec … train-099-100.tfrec, validation-000…004, and a nested directory. */
    @BeforeEach
    void makeShards() throws IOException {
        root = dir.toString();
        for (int i = 0; i < 100; i++) {
            Files.writeString(dir.resolve(String.format("train-%03d-100.tfrec", i)), "t" + i);
        }
        for (int i = 0; i < 5; i++) {
            Files.writeString(dir.resolve(String.format("validation-%03d-005.tfrec", i)), "v" + i);
        }
        Files.createDirectories(dir.resolve("train-sub"));
        Files.writeString(dir.resolve("train-sub/train-000-100.tfrec"), "nested");
    }

    private List<String> shards(String fmt, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(root + "/" + String.format(fmt, i));
        }
        return out;
    }

    @Test
    void referencePagePatterns() throws IOException {
        // gs://bucket/train* — the directory "train-sub" matches too, as in tf.io.gfile.glob.
        List<String> all = shards("train-%03d-100.tfrec", 0, 99);
        all.add(root + "/train-sub");
        assertEquals(all, fs.glob(root + "/train*"));
        assertEquals(shards("train-%03d-100.tfrec", 0, 99), fs.glob(root + "/train-0??-100.tfrec"));
        assertEquals(shards("train-%03d-100.tfrec", 1, 9), fs.glob(root + "/train-00[1-9]-100.tfrec"));
        assertEquals(List.of(root + "/train-001-100.tfrec"), fs.glob(root + "/train-001-100.tfrec"));
        assertEquals(shards("validation-%03d-005.tfrec", 0, 4), fs.glob(root + "/validation*"));
    }

    @Test
    void moreForms() throws IOException {
        assertEquals(shards("train-%03d-100.tfrec", 0, 3), fs.glob(root + "/train-00[0-3]-100.tfrec"));
        assertEquals(shards("train-%03d-100.tfrec", 10, 10), fs.glob(root + "/train-01[0]-100.tfrec"));
        assertEquals(List.of(root + "/train-050-100.tfrec", root + "/train-055-100.tfrec"),
                fs.glob(root + "/train-05[05]-100.tfrec"));
        assertEquals(List.of(root + "/train-sub/train-000-100.tfrec"), fs.glob(root + "/*-sub/train-*"));
        assertEquals(List.of(root + "/train-sub/train-000-100.tfrec"), fs.glob(root + "//train-sub/train-000*"));
        assertEquals(List.of("file://" + root + "/train-007-100.tfrec"), fs.glob("file://" + root + "/train-00[7]-100.tfrec"));
    }

    @Test
    void negatedClassExcludes() throws IOException {
        List<String> expected = shards("train-%03d-100.tfrec", 0, 9);
        expected.remove(root + "/train-005-100.tfrec");
        assertEquals(expected, fs.glob(root + "/train-00[!5]-100.tfrec"));
    }

    @Test
    void relativePatternsStayRelative() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        String relative = cwd.relativize(dir).toString();
        List<String> matches = fs.glob(relative + "/validation-00[0-1]*");
        assertEquals(List.of(relative + "/validation-000-005.tfrec", relative + "/validation-001-005.tfrec"), matches);
    }

    @Test
    void nothingMatchingIsAnErrorNamingThePattern() {
        for (String pattern : List.of(root + "/test*", root + "/train-1??-100.tfrec", root + "/train-00[a-z]-100.tfrec",
                root + "/train-100-100.tfrec", root + "/missing-dir/train*", root + "/train-001-100.tfrec/x*")) {
            NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> fs.glob(pattern));
            assertEquals(pattern + ": no files match this pattern", e.getMessage());
        }
    }

    @Test
    void atomicWriteAppearsOnlyOnCommit() throws IOException {
        String target = root + "/out/model.bin";
        try (AtomicOutputStream out = fs.create(target)) {
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertFalse(fs.exists(target), "not visible before commit");
            out.commit();
            assertThrows(IOException.class, () -> out.write(1));
        }
        assertEquals("hello", Files.readString(Path.of(target)));
        assertEquals(List.of("model.bin"), fs.list(root + "/out"), "no temporary file left behind");
    }

    @Test
    void atomicWritesGetTheUmasksPermissionsLikeAPlainNewFile() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        String target = root + "/published.bin";
        try (AtomicOutputStream out = fs.create(target)) {
            out.write(1);
            out.commit();
        }
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(Path.of(target)),
                "not the owner-only permissions of a JDK temporary file");
    }

    @Test
    void temporaryNamesAreHiddenRandomAndRecognisable() {
        String a = TemporaryNames.forFile("model.ckpt-5.index");
        assertTrue(a.startsWith(".model.ckpt-5.index.") && a.endsWith(".tmp"), a);
        assertNotEquals(a, TemporaryNames.forFile("model.ckpt-5.index"));
        assertTrue(TemporaryNames.isTemporaryFile(a));
        for (String other : List.of("model.ckpt-5.index", ".model.ckpt-5.index", "notes.tmp", ".hidden.tmp", ".a.b.TMP", ".a.UPPER.tmp")) {
            assertFalse(TemporaryNames.isTemporaryFile(other), other);
        }
    }

    @Test
    void abandonedWriteLeavesTheOldFile() throws IOException {
        String target = root + "/train-001-100.tfrec";
        try (AtomicOutputStream out = fs.create(target)) {
            out.write(new byte[100_000]);
            // no commit: as if the writer failed half-way
        }
        assertEquals("t1", Files.readString(Path.of(target)));
        try (var entries = Files.list(dir)) {
            assertEquals(0, entries.filter(p -> p.getFileName().toString().endsWith(".tmp")).count());
        }
    }

    @Test
    void commitReplacesAnExistingFile() throws IOException {
        String target = root + "/train-002-100.tfrec";
        try (AtomicOutputStream out = fs.create(target)) {
            out.write(new byte[] {1, 2, 3});
            assertEquals("t2", Files.readString(Path.of(target)), "readers see the old file meanwhile");
            out.commit();
        }
        try (InputStream in = fs.openRead(target)) {
            assertArrayEquals(new byte[] {1, 2, 3}, in.readAllBytes());
        }
        assertEquals(3, fs.size(target));
    }

    @Test
    void fileOperations() throws IOException {
        String sub = root + "/a/b/c";
        fs.mkdirs(sub);
        assertTrue(fs.exists(sub));
        fs.mkdirs(sub);
        assertEquals(List.of("train-000-100.tfrec"), fs.list(root + "/train-sub"));
        assertTrue(fs.list(root).containsAll(List.of("a", "train-sub", "train-000-100.tfrec")));
        fs.delete(root + "/train-sub/train-000-100.tfrec");
        assertFalse(fs.exists(root + "/train-sub/train-000-100.tfrec"));
        assertThrows(NoSuchFileException.class, () -> fs.delete(root + "/train-sub/train-000-100.tfrec"));
        assertThrows(NoSuchFileException.class, () -> fs.size(root + "/nope"));
        assertThrows(NoSuchFileException.class, () -> fs.openRead(root + "/nope"));
        assertThrows(NoSuchFileException.class, () -> fs.list(root + "/nope"));
    }

    @Test
    void resolverPicksByScheme() {
        FileSystems systems = new FileSystems(fs, () -> {
            throw new AssertionError("GCS must not be created for local paths");
        });
        assertEquals(fs, systems.resolve("/tmp/x"));
        assertEquals(fs, systems.resolve("relative/x*"));
        assertEquals(fs, systems.resolve("file:///tmp/x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> systems.resolve("s3://bucket/x"));
        assertTrue(e.getMessage().contains("unsupported file system 's3://'"), e.getMessage());
        assertEquals("gs://b/dir/x", FileSystems.join("gs://b/dir", "x"));
        assertEquals("gs://b/dir/x", FileSystems.join("gs://b/dir/", "x"));
        assertEquals("x", FileSystems.join("", "x"));
    }
}
