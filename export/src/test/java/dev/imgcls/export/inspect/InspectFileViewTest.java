package dev.imgcls.export.inspect;

import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code inspect} offers existing files to the caller's {@link FileView}s before the checkpoint reader. */
class InspectFileViewTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    /** Files starting with "MAGIC"; a file starting with "MAGIC!" fails to print. */
    private static final FileView MAGIC = new FileView() {
        @Override
        public boolean recognises(FileSystem fs, String path) {
            try (InputStream in = fs.openRead(path)) {
                return Arrays.equals("MAGIC".getBytes(StandardCharsets.US_ASCII), in.readNBytes(5));
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void print(FileSystem fs, String path, PrintStream out) throws IOException {
            try (InputStream in = fs.openRead(path)) {
                String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                if (text.startsWith("MAGIC!")) {
                    throw new IOException("broken magic in " + path);
                }
                out.println("a magic file of " + text.length() + " bytes");
            }
        }
    };

    private static Run inspect(String path, List<FileView> views) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Inspect.run(path, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), FileSystems.defaults(), views);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRecognisedFileGetsItsView() throws IOException {
        Path file = Files.writeString(dir.resolve("data.magic"), "MAGIC and more");
        Run run = inspect(file.toString(), List.of(MAGIC));
        assertEquals(0, run.status(), run.err());
        assertEquals("a magic file of 14 bytes", run.out().strip());
    }

    @Test
    void aViewsErrorIsTheCommandsError() throws IOException {
        Path file = Files.writeString(dir.resolve("data.magic"), "MAGIC! and more");
        Run run = inspect(file.toString(), List.of(MAGIC));
        assertEquals(1, run.status(), run.out());
        assertEquals("inspect: broken magic in " + file, run.err().strip());
    }

    @Test
    void otherSingleFilesStillGetTheCheckpointAnswer() throws IOException {
        Path file = Files.writeString(dir.resolve("model.ckpt"), "twelve bytes or more of something else");
        for (List<FileView> views : List.of(List.<FileView>of(), List.of(MAGIC))) {
            Run run = inspect(file.toString(), views);
            assertEquals(1, run.status());
            assertTrue(run.err().contains("V1"), run.err());
            assertFalse(run.out().contains("magic"), run.out());
        }
    }
}
