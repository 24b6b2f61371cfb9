package dev.imgcls.train.command;

import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.CommandLine;
import dev.imgcls.tune.TuneOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tune command's flags: its own, and the training flags it passes to every trial. */
class TuneStudyCommandTest {
    private static TuneOptions options(String... args) {
        return TuneStudyCommand.options(CommandLine.read(args, TuneStudyCommand.flags(), false));
    }

    private static String problems(String... args) {
        return String.join("\n", assertThrows(ArgumentException.class, () -> options(args)).problems());
    }

    @Test
    void ownFlagsAreReadAndTrainingFlagsArePassedOnInOrderAsNameEqualsValue() {
        TuneOptions o = options("--config", "s.yaml", "--job_dir=study", "--seed", "4", "--max_steps", "60",
                "--trainer_command=java -jar x.jar train", "--poll_seconds=0.5", "--skip_bad_images", "--threads=6",
                "--model_type=resnet-18", "--eval_crop_padding", "0", "--min_crop_area=0.5");
        assertEquals(Path.of("s.yaml"), o.config());
        assertEquals(Path.of("study"), o.jobDir());
        assertEquals(4, o.seed().getAsLong());
        assertEquals("java -jar x.jar train", o.trainerCommand().orElseThrow());
        assertEquals(Duration.ofMillis(500), o.pollInterval());
        assertEquals(6, o.threads());
        assertEquals(List.of("--max_steps=60", "--skip_bad_images=true", "--model_type=resnet-18", "--eval_crop_padding=0",
                "--min_crop_area=0.5"), o.trainerArguments());
    }

    @Test
    void threadsDefaultToEveryCore() {
        TuneOptions o = options("--config=s.yaml", "--job-dir=study");
        assertEquals(Runtime.getRuntime().availableProcessors(), o.threads());
        assertEquals(TuneOptions.DEFAULT_POLL, o.pollInterval());
        assertTrue(o.seed().isEmpty());
    }

    @Test
    void missingAndBadOptionsAreAllReported() {
        String all = problems("--seed=abc", "--poll_seconds=0", "--threads=-1");
        for (String expected : List.of("missing required argument --config=FILE", "missing required argument --job-dir=DIR",
                "--seed expects an integer, got 'abc'", "--poll_seconds must be in (0, 3600]", "--threads must be >= 0, got -1")) {
            assertTrue(all.contains(expected), "'" + expected + "' in\n" + all);
        }
        assertTrue(problems("--config=s.yaml", "--job-dir=gs://bucket/study").contains("--job-dir must be a local directory"));
    }
}
