package dev.imgcls.train.loop;

import dev.imgcls.export.checkpoint.BundleReader;
import dev.imgcls.export.checkpoint.BundleWriter;
import dev.imgcls.export.checkpoint.CheckpointValue;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.TrainingArguments;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job keeps its --eval_crop_padding and --min_crop_area: its checkpoints record them, its export
 * gets the padding, and resuming with others stops at once; a checkpoint that predates them was
 * trained with the reference's.
 */
class ResumeCropSettingsTest {
    private static final List<String> SMALL = List.of("--eval_crop_padding=0", "--min_crop_area=0.5");

    @TempDir
    static Path tmp;
    static PatternDataset.Written data;

    @BeforeAll
    static void data() throws IOException {
        data = PatternDataset.write(tmp.resolve("data"), 3, 8, 20, 1, 5);
    }

    private static String run(Path jobDir, int maxSteps, List<String> crop) throws IOException {
        List<String> args = new ArrayList<>(List.of("--training_data_path=" + data.trainingPattern(),
                "--validation_data_path=" + data.validationPattern(), "--job-dir=" + jobDir, "--num_classes=3",
                "--max_steps=" + maxSteps, "--train_batch_size=2", "--image_size=16", "--model_type=resnet-18"));
        args.addAll(crop);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TrainingJob.run(TrainingArguments.parseConfig(args.toArray(String[]::new)),
                new JobEnvironment(new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of(), new RecordingExporter(),
                        (m, p, o) -> {
                            throw new AssertionError("no warm start was asked for");
                        }, StopRequest.NEVER));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theCropsAreRecordedExportedAndKeptOnResume() throws IOException {
        Path job = tmp.resolve("job");
        run(job, 1, SMALL);
        String prefix = job.resolve("checkpoints/model.ckpt-1").toString();
        Map<String, CheckpointValue> values = BundleReader.open(prefix).readAll(n -> n.startsWith("imgcls/"));
        assertEquals(0L, ((CheckpointValue.Numeric) values.get(TrainingState.EVAL_CROP_PADDING)).tensor().toLongArray()[0]);
        assertEquals(0.5, ((CheckpointValue.Numeric) values.get(TrainingState.MIN_CROP_AREA)).tensor().item());
        assertEquals("resnet-18 16 0\n", Files.readString(job.resolve("model/exported.txt")), "the export gets the padding");

        ArgumentException e = assertThrows(ArgumentException.class, () -> run(job, 2, List.of()));
        assertEquals(List.of(job + " was trained with --eval_crop_padding=0 --min_crop_area=0.5; resume with the same values or use a new "
                + "--job-dir"), e.problems());
        assertThrows(ArgumentException.class, () -> run(job, 2, List.of("--eval_crop_padding=0", "--min_crop_area=0.6")));
        String resumed = run(job, 2, SMALL);
        assertTrue(resumed.contains("resuming from " + prefix + " at step 1"), resumed);
        assertTrue(resumed.contains("finished at step 2"), resumed);
    }

    @Test
    void aCheckpointWithoutThemWasTrainedWithTheReferences() throws IOException {
        Path job = tmp.resolve("old-job");
        run(job, 1, List.of());
        String prefix = job.resolve("checkpoints/model.ckpt-1").toString();
        Map<String, CheckpointValue> values = new LinkedHashMap<>(BundleReader.open(prefix).readAll(n -> true));
        assertEquals(32L, ((CheckpointValue.Numeric) values.get(TrainingState.EVAL_CROP_PADDING)).tensor().toLongArray()[0]);
        // As a checkpoint written before the crops could be changed.
        values.remove(TrainingState.EVAL_CROP_PADDING);
        values.remove(TrainingState.MIN_CROP_AREA);
        for (String suffix : List.of(".index", ".data-00000-of-00001")) {
            Files.delete(Path.of(prefix + suffix));
        }
        BundleWriter.write(prefix, values);
        ArgumentException e = assertThrows(ArgumentException.class, () -> run(job, 2, SMALL));
        assertTrue(e.problems().get(0).contains("was trained with --eval_crop_padding=32 --min_crop_area=0.08;"), e.getMessage());
        assertTrue(run(job, 2, List.of()).contains("finished at step 2"));
    }
}
