package dev.imgcls.train.command;

import dev.imgcls.train.demo.PatternDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a job can be asked for wrongly ends before training with its message and a non-zero exit. */
class InvalidArgumentsTest {
    @TempDir
    static Path tmp;
    static PatternDataset.Written data;

    @BeforeAll
    static void data() throws IOException {
        data = PatternDataset.write(tmp.resolve("data"), 4, 16, 1, 3);   // 20 training, 10 validation images, labels 0..4
    }

    private static CommandRun train(String... extra) {
        String[] base = {"--training_data_path=" + data.trainingPattern(), "--validation_data_path=" + data.validationPattern(),
                "--job-dir=" + tmp.resolve("job"), "--num_classes=5", "--max_steps=2", "--train_batch_size=2", "--image_size=16",
                "--model_type=resnet-18"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CommandRun.of(args);
    }

    private static void assertRejected(CommandRun run, int status, String... fragments) {
        assertEquals(status, run.status(), run.toString());
        for (String f : fragments) {
            assertTrue(run.err().contains(f), "expected '" + f + "' in\n" + run);
        }
        assertFalse(Files.exists(tmp.resolve("job/checkpoints/checkpoint")), "nothing was trained");
    }

    @Test
    void missingRequiredArguments() {
        CommandRun run = CommandRun.of("train", "--num_classes=3");
        assertRejected(run, 2, "training_data_path", "validation_data_path", "job-dir", "max_steps");
    }

    @Test
    void unknownModelType() {
        assertRejected(train("--model_type=resnet-17"), 2, "model_type", "resnet-18");
    }

    @Test
    void labelSmoothingOutOfRange() {
        assertRejected(train("--label_smoothing=1"), 2, "label_smoothing");
    }

    @Test
    void stepwiseListsOfUnequalLength() {
        assertRejected(train("--learning_rate_decay_type=stepwise", "--stepwise_learning_rate_steps=10,20",
                "--stepwise_learning_rate_levels=0.1"), 2, "stepwise_learning_rate");
    }

    @Test
    void unknownOptimizerArgument() {
        assertRejected(train("--optimizer_type=adam", "--optimizer_arguments=beta3=0.5"), 2, "beta3");
    }

    @Test
    void moreEvalImagesThanTheValidationSetHolds() {
        assertRejected(train("--num_eval_images=500"), 2, "num_eval_images=500", "only 10 records");
    }

    @Test
    void patternsThatMatchNothing() {
        CommandRun run = train("--training_data_path=" + tmp.resolve("nothing-*"), "--validation_data_path=" + tmp.resolve("none-*"));
        assertRejected(run, 2, "--training_data_path=" + tmp.resolve("nothing-*") + " matches no file",
                "--validation_data_path=" + tmp.resolve("none-*") + " matches no file");
    }

    @Test
    void jobDirThatIsAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CommandRun run = train("--job-dir=" + file);
        assertEquals(2, run.status(), run.toString());
        assertTrue(run.err().contains("is a file, not a directory"), run.toString());
        run = train("--job-dir=" + file.resolve("job"));
        assertEquals(2, run.status(), run.toString());
        assertEquals("error: --job-dir=" + file.resolve("job") + " is inside " + file + ", which is a file, not a directory;"
                + " choose another --job-dir\n", run.err());
    }

    @Test
    void labelsOutsideNumClassesSayHowFarToRaiseIt() {
        // Validation labels 0..4 in record order: with 3 classes, record 3 (label 3) is the first outside [0, 2].
        CommandRun run = train("--num_classes=3");
        assertEquals(1, run.status(), run.toString());
        assertTrue(run.err().startsWith("error: validation input failed: record 3 at offset "), run.toString());
        assertTrue(run.err().contains(" of " + data.validationPattern().replace("*", "00000-of-00001")), run.toString());
        assertTrue(run.err().contains("label 3 is outside [0, 2], the range for --num_classes=3"), run.toString());
        assertTrue(run.err().contains("raise --num_classes to at least 4"), run.toString());
        // Label 3 would fit 1-based labels [1, 3], so that is offered too (the next record's 4 would not, but it is not read).
        assertTrue(run.err().contains("or pass --label_base=1 if the labels start at 1 (labels [1, 3])"), run.toString());
        assertOneLineWithoutJava(run);
    }

    @Test
    void validationSetSmallerThanOneBatchBlamesTheBatchSizeUnlessNumEvalImagesWasSet() {
        CommandRun run = train("--train_batch_size=16");
        assertRejected(run, 2, "error: --validation_data_path=" + data.validationPattern() + " holds 10 images, fewer than one batch of"
                + " --train_batch_size=16 (evaluation uses full batches of that size only); lower --train_batch_size to 10 or less, or"
                + " add validation images");
        assertFalse(run.err().contains("num_eval_images"), run.toString());
        assertOneLineWithoutJava(run);
        assertRejected(train("--train_batch_size=16", "--num_eval_images=8"), 2, "--num_eval_images: evaluation would use no images:"
                + " num_eval_images=8, fewer than one batch of 16");
    }

    private static void assertOneLineWithoutJava(CommandRun run) {
        assertEquals(1, run.err().lines().count(), run.toString());
        for (String java : List.of("Exception", "java.", "nio.")) {
            assertFalse(run.err().contains(java), "'" + java + "' in\n" + run);
        }
    }

    @Test
    void demoDirThatIsAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("demo-file"), "x");
        CommandRun run = CommandRun.of("demo", "--dir=" + file);
        assertEquals(2, run.status(), run.toString());
        assertEquals("error: --dir=" + file + " is a file, not a folder; choose another --dir\n", run.err());
    }

    @Test
    void unknownCommand() {
        CommandRun run = CommandRun.of("trian");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("unknown command 'trian'"), run.toString());
    }
}
