package dev.imgcls.train.command;

import dev.imgcls.export.checkpoint.BundleReader;
import dev.imgcls.export.checkpoint.CheckpointValue;
import dev.imgcls.train.demo.PatternDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A job on {@code mpirun -np 2}, killed with SIGKILL (mpirun and every rank at once) after a
 * checkpoint and before its end, resumed on {@code mpirun -np 3}, ends with the weights of the same
 * job run uninterrupted on one rank: {@code --data_sharding=batches} gives every rank count the
 * same global batches, {@code --sync_batch_norm} the same batch statistics, and the resume skips
 * the batches already trained on. Whichever complete checkpoint (step 2 or 4) the kill leaves, the
 * end is the same. Not bit-equal: the gradients and batch-norm sums are added over 1, 2 or 3 ranks
 * (each rank summing its own rows first, then the ranks' partial sums), so float rounding differs
 * with the rank count; hence a relative tolerance, of each tensor's largest magnitude. Measured
 * here: 5.0e-6 (resumed at step 2) and 4.4e-6 (at step 4), largest in a momentum slot. At 8x8
 * images the same test ends 9e-2 apart in three near-zero tensors of one late block (a beta of
 * scale 1e-6 and its conv's momentum): every state up to step 4 is within 3.3e-6 and a resume on
 * the same rank count is bit-exact, so a rounding-level difference crosses a threshold (an
 * activation at zero) in step 5 or 6, which is why the images here are 16x16.
 */
class MpiResumeTest {
    private static final long BOUND_SECONDS = 300;
    private static final int STEPS = 6;
    /** Largest difference allowed between the two jobs' tensors, relative to the largest magnitude in each. */
    private static final double TOLERANCE = 1e-5;
    private static final Pattern SAVED = Pattern.compile("saved checkpoint \\S*model\\.ckpt-(\\d+)");
    private static final Pattern RESUMED = Pattern.compile("resuming from \\S*model\\.ckpt-(\\d+) at step (\\d+)");

    @TempDir
    Path tmp;

    @Test
    void aJobKilledOnTwoRanksAndResumedOnThreeEndsAsAnUninterruptedOne() throws IOException, InterruptedException {
        String mpirun = MpiTrainers.mpirun();
        assumeTrue(mpirun != null, MpiTrainers.NO_MPIRUN);
        // 3 classes x 16 training images; 12 validation images, one evaluation batch.
        PatternDataset.Written data = PatternDataset.write(tmp.resolve("data"), 3, 16, 24, 2, 5);

        Path reference = tmp.resolve("reference");
        finish(MpiTrainers.start(mpirun, 1, tmp.resolve("reference.log"), arguments(data, reference)));

        Path job = tmp.resolve("job");
        MpiTrainers.Launch killed = MpiTrainers.start(mpirun, 2, tmp.resolve("killed.log"), arguments(data, job));
        int savedBeforeKill = killAfterACheckpoint(killed);

        String resumed = finish(MpiTrainers.start(mpirun, 3, tmp.resolve("resumed.log"), arguments(data, job)));
        Matcher from = RESUMED.matcher(resumed);
        assertTrue(from.find(), "the 3-rank run resumes from a checkpoint:\n" + resumed);
        int resumedAt = Integer.parseInt(from.group(2));
        assertTrue(resumedAt >= 2 && resumedAt >= savedBeforeKill && resumedAt < STEPS,
                "resumed at step " + resumedAt + ", the kill came after checkpoint " + savedBeforeKill + ":\n" + resumed);

        Map<String, CheckpointValue> expected = read(reference);
        Map<String, CheckpointValue> actual = read(job);
        assertEquals(expected.keySet(), actual.keySet(), "the same variables");
        List<String> differences = new ArrayList<>();
        double worst = 0;
        String worstName = null;
        for (Map.Entry<String, CheckpointValue> e : expected.entrySet()) {
            CheckpointValue a = actual.get(e.getKey());
            if (!(e.getValue() instanceof CheckpointValue.Numeric)) {
                assertEquals(e.getValue(), a, e.getKey());
                continue;
            }
            double[] x = e.getValue().tensor().toDoubleArray();
            double[] y = a.tensor().toDoubleArray();
            double scale = 0;
            double difference = 0;
            for (int i = 0; i < x.length; i++) {
                scale = Math.max(scale, Math.abs(x[i]));
                difference = Math.max(difference, Math.abs(x[i] - y[i]));
            }
            double relative = scale == 0 ? difference : difference / scale;
            if (relative > worst) {
                worst = relative;
                worstName = e.getKey();
            }
            if (!(relative <= TOLERANCE)) {
                differences.add(e.getKey() + ": max |difference| " + difference + " = " + relative + " of max |value| " + scale);
            }
        }
        System.out.printf("killed at checkpoint %d on 2 ranks, resumed at step %d on 3, vs 1 rank uninterrupted: largest relative "
                + "difference %.3g (%s)%n", savedBeforeKill, resumedAt, worst, worstName);
        assertTrue(differences.isEmpty(), differences.size() + " tensors differ by more than " + TOLERANCE + ":\n" + String.join("\n", differences));
    }

    private static List<String> arguments(PatternDataset.Written data, Path job) {
        return List.of("--training_data_path=" + data.trainingPattern(), "--validation_data_path=" + data.validationPattern(),
                "--job-dir=" + job, "--num_classes=" + data.numClasses(), "--max_steps=" + STEPS, "--checkpoint_every_steps=2",
                "--eval_every_steps=" + STEPS, "--train_batch_size=12", "--image_size=16", "--model_type=resnet-18",
                "--initial_learning_rate=0.05", "--seed=17", "--data_sharding=batches", "--sync_batch_norm", "--threads=1",
                "--device=cpu");
    }

    /** Waits for the job to end at max_steps; returns its output. */
    private static String finish(MpiTrainers.Launch launch) throws IOException, InterruptedException {
        String out = launch.awaitSuccess(BOUND_SECONDS);
        assertTrue(out.contains("finished at step " + STEPS), out);
        return out;
    }

    /** Kills mpirun and its ranks as soon as the chief says it saved checkpoint 2 or 4; returns that step. */
    private static int killAfterACheckpoint(MpiTrainers.Launch launch) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (System.nanoTime() < deadline) {
            Matcher saved = SAVED.matcher(launch.output());
            int step = 0;
            while (saved.find()) {
                step = Math.max(step, Integer.parseInt(saved.group(1)));
            }
            if (step >= 2) {
                List<ProcessHandle> tree = new ArrayList<>(launch.process().descendants().toList());
                tree.add(launch.process().toHandle());
                launch.killAll();
                for (ProcessHandle p : tree) {
                    p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                }
                String out = launch.output();
                assertTrue(step < STEPS && !out.contains("finished at step"), "the job ended before the kill; make it slower:\n" + out);
                return step;
            }
            assertTrue(launch.process().isAlive(), "the job ended before its first checkpoint:\n" + launch.output());
            Thread.sleep(20);
        }
        launch.killAll();
        throw new AssertionError("no checkpoint within " + BOUND_SECONDS + " s:\n" + launch.output());
    }

    private static Map<String, CheckpointValue> read(Path job) throws IOException {
        Path prefix = job.resolve("checkpoints/model.ckpt-" + STEPS);
        assertTrue(Files.exists(Path.of(prefix + ".index")), "the job checkpointed its last step: " + prefix);
        return BundleReader.open(prefix.toString()).readAll(n -> true);
    }
}
