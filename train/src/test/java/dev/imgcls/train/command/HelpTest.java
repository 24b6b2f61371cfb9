package dev.imgcls.train.command;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpTest {
    @Test
    void helpListsEveryCommand() {
        CommandRun run = CommandRun.of("--help");
        assertEquals(0, run.status(), run.toString());
        for (String command : new String[] {"train", "demo", "make-tfrecords", "inspect", "predict", "evaluate", "tune"}) {
            assertTrue(run.out().contains("\n  " + command + " "), command + " in\n" + run.out());
        }
    }

    @Test
    void noArgumentsPrintsTheUsageAndFails() {
        CommandRun run = CommandRun.of();
        assertEquals(2, run.status());
        assertTrue(run.err().contains("usage: imgcls"), run.toString());
    }

    @Test
    void trainHelpListsTheReferenceArgumentsWithDefaults() {
        CommandRun run = CommandRun.of("train", "--help");
        assertEquals(0, run.status(), run.toString());
        for (String flag : new String[] {"--training_data_path", "--validation_data_path", "--job-dir", "--num_classes", "--max_steps",
                "--train_batch_size", "--num_eval_images", "--pretrained_checkpoint_path", "--learning_rate_decay_type",
                "--optimizer_type", "--model_type", "--label_smoothing", "--weight_decay"}) {
            assertTrue(run.out().contains(flag), flag + " in\n" + run.out());
        }
    }

    @Test
    void skipBadImagesHelpSaysItCoversTrainingAndValidation() {
        CommandRun train = CommandRun.of("train", "--help");
        // The description is word-wrapped into its column.
        assertTrue(train.out().replaceAll("\\s+", " ").contains("skip (and count) records whose image cannot be decoded, in the training"
                + " and the validation data"), train.out());
        CommandRun convert = CommandRun.of("make-tfrecords", "--help");
        assertTrue(convert.out().contains("--skip_bad_images          leave out images that cannot be read or decoded"), convert.out());
    }

    @Test
    void commandsRejectUnknownOptionsBeforeDoingAnything() {
        for (String command : new String[] {"demo", "predict", "evaluate"}) {
            CommandRun run = CommandRun.of(command, "--bogus");
            assertEquals(2, run.status(), run.toString());
            assertTrue(run.err().contains("--bogus"), run.toString());
        }
    }
}
