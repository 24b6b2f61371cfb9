package dev.imgcls.train.command;

import dev.imgcls.data.example.ImageExampleBuilder;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.TFRecordWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code inspect} on a TFRecord data file: the command hands it to data's summary, not the checkpoint reader. */
class InspectCommandTest {
    @TempDir
    Path dir;

    private Path shard(int records) throws IOException {
        Path file = dir.resolve("train-00000-of-00001.tfrec");
        try (OutputStream out = Files.newOutputStream(file); TFRecordWriter w = new TFRecordWriter(out, Compression.NONE)) {
            for (int i = 0; i < records; i++) {
                w.write(new ImageExampleBuilder().encoded(new byte[] {(byte) i}).label(i).format("PNG").width(1).height(1).toByteArray());
            }
            w.commit();
        }
        return file;
    }

    @Test
    void tfRecordFileIsSummarised() throws IOException {
        Path file = shard(2);
        CommandRun run = CommandRun.of("inspect", file.toString());
        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().startsWith(file + " is a TFRecord file (2 records), not a checkpoint or SavedModel"), run.toString());
        assertFalse(run.out().contains("V1"), run.toString());
    }

    @Test
    void damagedTfRecordFileIsAnErrorLine() throws IOException {
        Path file = shard(3);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] ^= 0x10; // inside the last record's payload
        Files.write(file, bytes);
        CommandRun run = CommandRun.of("inspect", file.toString());
        assertEquals(1, run.status(), run.toString());
        assertTrue(run.err().startsWith("inspect: corrupted record at offset"), run.toString());
    }
}
