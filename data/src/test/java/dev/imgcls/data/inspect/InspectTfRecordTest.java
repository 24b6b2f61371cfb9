package dev.imgcls.data.inspect;

import dev.imgcls.data.example.ImageExampleBuilder;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.TFRecordWriter;
import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;
import dev.imgcls.io.IoErrorText;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code inspect}'s view of a TFRecord data file: recognised by its header and summarised. */
class InspectTfRecordTest {
    @TempDir
    Path dir;

    private final FileSystem fs = FileSystems.defaults().resolve("/");

    private static String print(FileSystem fs, Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InspectTfRecord.print(fs, file.toString(), new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
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
        assertTrue(InspectTfRecord.isTfRecord(fs, file.toString()));
        String out = print(fs, file);
        List<String> lines = out.lines().toList();
        assertEquals(file + " is a TFRecord file (7 records), not a checkpoint or SavedModel; inspect takes a checkpoint directory"
                + " or prefix, or a SavedModel directory", lines.get(0));
        assertTrue(lines.get(1).startsWith("its first record is a tf.Example with "), out);
        assertTrue(lines.contains("  image/class/label  int64 [0]"), out);
        assertTrue(lines.contains("  image/encoded  bytes (1 value, 4 bytes)"), out);
        assertTrue(lines.contains("  image/width  int64 [4]"), out);
        for (String java : List.of("Exception", "java.", "nio.")) {
            assertFalse(out.contains(java), java + " in " + out);
        }
    }

    @Test
    void damagedRecordFurtherOnIsReported() throws IOException {
        Path file = shard(3);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] ^= 0x10; // inside the last record's payload
        Files.write(file, bytes);
        assertTrue(InspectTfRecord.isTfRecord(fs, file.toString()), "the first header is intact");
        IOException e = assertThrows(IOException.class, () -> print(fs, file));
        String text = IoErrorText.describe(e);
        assertTrue(text.startsWith("corrupted record at offset"), text);
        assertTrue(text.contains("(record 2) in " + file), text);
        assertFalse(text.contains("Exception"), text);
    }

    @Test
    void otherFilesAreNotTfRecords() throws IOException {
        Path text = Files.writeString(dir.resolve("model.ckpt"), "twelve bytes or more of something else");
        Path tooShort = Files.write(dir.resolve("short"), new byte[] {1, 2, 3});
        assertFalse(InspectTfRecord.isTfRecord(fs, text.toString()));
        assertFalse(InspectTfRecord.isTfRecord(fs, tooShort.toString()));
        assertFalse(InspectTfRecord.isTfRecord(fs, dir.toString()), "a directory");
        assertFalse(InspectTfRecord.isTfRecord(fs, dir.resolve("missing").toString()));
    }
}
