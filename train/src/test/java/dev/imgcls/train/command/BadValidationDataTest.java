package dev.imgcls.train.command;

import dev.imgcls.train.demo.PatternDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Validation data the job cannot use: undecodable images (skipped and reported with
 * --skip_bad_images, else one line naming the record and the flag), a damaged record, a job dir
 * the job cannot create; every message one line without Java in it.
 */
class BadValidationDataTest {
    @TempDir
    static Path tmp;
    static PatternDataset.Written data;
    static Path badShard;

    /** 20 training and 10 validation images of 5 classes, plus a validation shard whose records 1 and 3 are not images. */
    @BeforeAll
    static void data() throws IOException {
        data = PatternDataset.write(tmp.resolve("data"), 4, 16, 1, 3);
        badShard = HalfBadShard.write(tmp.resolve("data/validation-zz-bad.tfrec"));
    }

    private static CommandRun train(String jobDir, Map<String, String> environment, String... extra) {
        List<String> args = new ArrayList<>(List.of("--training_data_path=" + data.trainingPattern(),
                "--validation_data_path=" + data.validationPattern(), "--job-dir=" + jobDir, "--num_classes=5", "--max_steps=2",
                "--train_batch_size=2", "--image_size=16", "--model_type=resnet-18", "--eval_every_steps=1"));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TrainCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        return new CommandRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertOneLineWithoutJava(CommandRun run) {
        assertEquals(1, run.err().lines().count(), run.toString());
        for (String java : List.of("Exception", "java.", "nio.")) {
            assertFalse(run.err().contains(java), "'" + java + "' in\n" + run);
        }
    }

    @Test
    void undecodableValidationImageStopsTheJobNamingTheRecordAndTheFlag() {
        CommandRun run = train(tmp.resolve("job-strict").toString(), Map.of());
        assertEquals(1, run.status(), run.toString());
        assertTrue(run.err().startsWith("error: validation input failed: record 1 at offset "), run.toString());
        assertTrue(run.err().contains(" of " + badShard + ": the image in 'image/encoded' cannot be decoded"), run.toString());
        assertTrue(run.err().strip().endsWith("; pass --skip_bad_images to skip such images (they are counted and reported at the end)"),
                run.toString());
        assertOneLineWithoutJava(run);
    }

    @Test
    void skipBadImagesCoversValidationAndReportsTheSkips() {
        CommandRun run = train(tmp.resolve("job-skip").toString(), Map.of(), "--skip_bad_images");
        assertEquals(0, run.status(), run.toString());
        String summary = "skipped 2 undecodable validation images (first: " + badShard + " record 1)";
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.stream().filter(l -> l.equals("eval: " + summary)).count(), "one line per evaluation:\n" + run);
        assertTrue(lines.contains(summary), "and one at the end:\n" + run);
        assertTrue(lines.indexOf(summary) > lines.lastIndexOf("eval: " + summary), run.toString());
    }

    @Test
    void damagedValidationRecordSaysTheFileIsDamaged() throws IOException {
        Path copy = Files.createDirectories(tmp.resolve("damaged"));
        Path shard = copy.resolve("validation-00000-of-00001");
        byte[] bytes = Files.readAllBytes(Path.of(data.validationPattern().replace("*", "00000-of-00001")));
        bytes[40] ^= 0x08; // inside the first record's payload
        Files.write(shard, bytes);
        CommandRun run = train(tmp.resolve("job-crc").toString(), Map.of(), "--validation_data_path=" + shard);
        assertEquals(1, run.status(), run.toString());
        assertTrue(run.err().startsWith("error: corrupted record at offset 0 (record 0) in " + shard + ": "), run.toString());
        assertTrue(run.err().strip().endsWith("; the file is damaged: copy it again, or write it again with make-tfrecords"), run.toString());
        assertOneLineWithoutJava(run);
    }

    @Test
    void unwritableJobDirSaysToUseAnotherOrFixPermissions() throws IOException {
        // Root writes anywhere: only another user sees the permission error (checked by hand as nobody).
        assumeFalse("root".equals(System.getProperty("user.name")), "permissions do not bind root");
        Path readOnly = Files.createDirectories(tmp.resolve("read-only"));
        assumeTrue(readOnly.toFile().setWritable(false, false));
        try {
            CommandRun run = train(readOnly.resolve("job").toString(), Map.of(), "--skip_bad_images");
            assertEquals(1, run.status(), run.toString());
            assertTrue(run.err().startsWith("error: cannot write " + readOnly), run.toString());
            assertTrue(run.err().strip().endsWith(": permission denied; use a --job-dir you can write to or fix the folder's permissions"),
                    run.toString());
            assertOneLineWithoutJava(run);
        } finally {
            readOnly.toFile().setWritable(true, false);
        }
    }

    @Test
    void foreignFileInTheJobDirIsNamedAndJavaDetailsOnlyOnRequest() throws IOException {
        Path jobDir = Files.createDirectories(tmp.resolve("job-foreign"));
        Path checkpoints = Files.writeString(jobDir.resolve("checkpoints"), "not the trainer's folder");
        CommandRun run = train(jobDir.toString(), Map.of(), "--skip_bad_images");
        assertEquals(1, run.status(), run.toString());
        assertEquals("error: " + checkpoints + ": not a directory; the trainer made no such file there: move it away or use another"
                + " --job-dir\n", run.err());
        assertOneLineWithoutJava(run);

        CommandRun debug = train(jobDir.toString(), Map.of(TrainCommand.DEBUG_VARIABLE, "1"), "--skip_bad_images");
        assertEquals(run.err().lines().findFirst(), debug.err().lines().findFirst());
        assertTrue(debug.err().contains("\tat dev.imgcls."), "the stack, for a bug report:\n" + debug);
    }
}
