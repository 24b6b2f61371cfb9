package dev.imgcls.train.command;

import dev.imgcls.train.demo.PatternDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Undecodable training images with --skip_bad_images: the job trains past them and ends with one
 * line saying how many it skipped and where the first is. (The exact counting is
 * {@code DeliveredSkipsTest}'s; the shuffle decides which bad records these few steps meet.)
 */
class BadTrainingDataTest {
    @TempDir
    static Path tmp;
    static PatternDataset.Written data;
    static Path badShard;

    /** Good validation data, and a training shard whose records 1 and 3 (of 4) are not images. */
    @BeforeAll
    static void data() throws IOException {
        data = PatternDataset.write(tmp.resolve("data"), 4, 16, 1, 3);
        badShard = HalfBadShard.write(tmp.resolve("data/train-bad.tfrec"));
    }

    private static CommandRun train(String trainingData, String jobDir) {
        String[] args = {"--training_data_path=" + trainingData, "--validation_data_path=" + data.validationPattern(),
                "--job-dir=" + jobDir, "--num_classes=5", "--max_steps=4", "--train_batch_size=2", "--image_size=16",
                "--model_type=resnet-18", "--skip_bad_images"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TrainCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new CommandRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void skippedTrainingImagesAreReportedInOneLineAtTheEnd() {
        CommandRun run = train(badShard.toString(), tmp.resolve("job-bad").toString());
        assertEquals(0, run.status(), run.toString());
        // Half the records are bad, so 8 good images all but surely come with skips (the seed fixes
        // which); which bad record came first, and how often, is the shuffle's choice.
        Pattern summary = Pattern.compile("skipped (1 undecodable training image|2 undecodable training images) \\(first: "
                + Pattern.quote(badShard.toString()) + " record [13](; \\d+ skips in all, as the data repeats)?\\)");
        List<String> lines = run.out().lines().toList();
        List<String> summaries = lines.stream().filter(l -> summary.matcher(l).matches()).toList();
        assertEquals(1, summaries.size(), run.toString());
        int lastCheckpoint = -1;
        for (int i = 0; i < lines.size(); i++) {
            lastCheckpoint = lines.get(i).startsWith("saved checkpoint ") ? i : lastCheckpoint;
        }
        assertTrue(lastCheckpoint >= 0 && lines.indexOf(summaries.get(0)) > lastCheckpoint, "after the training:\n" + run);
    }

    @Test
    void noLineWhenNothingWasSkipped() {
        CommandRun run = train(data.trainingPattern(), tmp.resolve("job-good").toString());
        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().lines().noneMatch(l -> l.contains("undecodable")), run.toString());
    }
}
