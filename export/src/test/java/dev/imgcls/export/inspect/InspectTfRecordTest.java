package dev.imgcls.export.inspect;

import dev.imgcls.data.example.ImageExampleBuilder;
import dev.imgcls.data.fs.FileSystems;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.TFRecordWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code inspect} on a TFRecord data file: named as one and summarised, not called a V1 checkpoint. */
class InspectTfRecordTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private static Run inspect(String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Inspect.run(path, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), FileSystems.defaults());
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path shard(int records) throws IOException {
        Path file = dir.resolve("validation-00000-of-00001.tfrec");
        try (OutputStream out = Files.newOutputStream(file); TFRecordWriter w = new TFRecordWriter(out, Compression.NONE)) {
            for (int i = 0; i < records; i++) {
                w.write(new ImageExampleBuilder().encoded(new byte[] {1, 2, 3, (byte) i}).label(i % 3).format("PNG").width(4).height(5)
                        .toByteArray());
            }
            w.commit();
        }
        return file;
    }

    @Test
    void tfRecordFileIsNamedAndSummarised() throws IOException {
        Path file = shard(7);
        Run run = inspect(file.toString());
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(file + " is a TFRecord file (7 records), not a checkpoint or SavedModel; inspect takes a checkpoint directory"
                + " or prefix, or a SavedModel directory", lines.get(0));
        assertTrue(lines.get(1).startsWith("its first record is a tf.Example with "), run.out());
        assertTrue(lines.contains("  image/class/label  int64 [0]"), run.out());
        assertTrue(lines.contains("  image/encoded  bytes (1 value, 4 bytes)"), run.out());
        assertTrue(lines.contains("  image/width  int64 [4]"), run.out());
        assertFalse(run.out().contains("V1"), run.out());
        for (String java : List.of("Exception", "java.", "nio.")) {
            assertFalse(run.out().contains(java), java + " in " + run.out());
        }
    }

    @Test
    void damagedRecordFurtherOnIsReported() throws IOException {
        Path file = shard(3);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] ^= 0x10; // inside the last record's payload
        Files.write(file, bytes);
        Run run = inspect(file.toString());
        assertEquals(1, run.status(), run.out());
        assertTrue(run.err().startsWith("inspect: corrupted record at offset"), run.err());
        assertTrue(run.err().contains("(record 2) in " + file), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void otherSingleFilesStillGetTheCheckpointAnswer() throws IOException {
        Path file = Files.writeString(dir.resolve("model.ckpt"), "twelve bytes or more of something else");
        Run run = inspect(file.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("V1"), run.err());
    }
}
