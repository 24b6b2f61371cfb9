package dev.imgcls.train.loop;

import dev.imgcls.dist.Collective;
import dev.imgcls.dist.SingleProcess;
import dev.imgcls.export.checkpoint.BundleReader;
import dev.imgcls.export.checkpoint.CheckpointValue;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.Variable;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.TrainingArguments;
import dev.imgcls.train.demo.PatternDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole training jobs on 2 ranks × 4 images (threads of one JVM, {@link ThreadCollective}) against
 * 1 rank × 8, in batches mode, 5 steps of the real models. Batch norm is per rank (no
 * --sync_batch_norm yet), so each rank normalises its 4 rows with their own mean and variance and
 * the weights cannot equal the one-process run's; what must hold is that the ranks stay
 * identical to each other (same evaluation on every rank), that the chief alone writes, and the
 * size of the difference from one process is printed. Exact equality with one process (a model
 * without batch norm, and ResNet-18 with equal rows on every rank) is {@link DataParallelStepTest}'s.
 */
class DataParallelJobTest {
    @TempDir
    static Path tmp;
    static PatternDataset.Written data;

    @BeforeAll
    static void data() throws IOException {
        data = PatternDataset.write(tmp.resolve("data"), 8, 24, 2, 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet-18", "efficientnet-b0"})
    void twoRanksInBatchesModeTrainLikeOneProcessAndOnlyTheChiefWrites(String model) throws Exception {
        Path single = tmp.resolve(model + "-single");
        Path parallel = tmp.resolve(model + "-parallel");
        List<JobReport> one = runRanks(List.of(SingleProcess.INSTANCE), single, model, 8, "batches");
        List<JobReport> two = runRanks(new ArrayList<>(ThreadCollective.group(2)), parallel, model, 8, "batches");

        assertFalse(Files.exists(rankDir(parallel, 1)), "rank 1 wrote nothing into its job dir");
        assertTrue(Files.exists(parallel.resolve("checkpoints/model.ckpt-5.index")), "the chief checkpoints");
        assertTrue(Files.exists(parallel.resolve("final_metrics.json")), "the chief writes the final metrics");
        assertTrue(Files.isDirectory(parallel.resolve("model")), "the chief exports the best model");
        assertEquals(two.get(0).finalMetrics().values(), two.get(1).finalMetrics().values(), "every rank has the same evaluation");
        assertEquals(5, two.get(1).finalStep());
        assertEquals(supports(single), supports(parallel), "the chief's report counts every rank's validation images");

        Map<String, CheckpointValue> expected = BundleReader.open(single.resolve("checkpoints/model.ckpt-5").toString()).readAll(n -> true);
        Map<String, CheckpointValue> actual = BundleReader.open(parallel.resolve("checkpoints/model.ckpt-5").toString()).readAll(n -> true);
        assertEquals(expected.keySet(), actual.keySet());
        // Batch norm's per-rank statistics change every gradient a little, so compare what the 5 steps
        // did: the distance between the two runs' weight updates relative to the one-process update.
        Map<String, Variable> init = new java.util.HashMap<>();
        for (Variable v : ModelFactory.create(model, data.numClasses(), 17).trainableVariables()) {
            init.put(v.name(), v);
        }
        double differenceSquared = 0;
        double updateSquared = 0;
        for (String name : init.keySet()) {
            double[] w0 = init.get(name).value().toDoubleArray();
            double[] e = expected.get(name).tensor().toDoubleArray();
            double[] a = actual.get(name).tensor().toDoubleArray();
            for (int i = 0; i < e.length; i++) {
                differenceSquared += (a[i] - e[i]) * (a[i] - e[i]);
                updateSquared += (e[i] - w0[i]) * (e[i] - w0[i]);
            }
        }
        double relative = Math.sqrt(differenceSquared / updateSquared);
        System.out.printf("%s: 2 ranks x 4 vs 1 x 8 after 5 steps: |update difference| / |update| = %.4f%n", model, relative);
        // Not bounded: measured 0.95 (ResNet-18) and 5.7 (EfficientNet-B0) at 32x32, where the last stages
        // normalise 4 rows of 1x1 maps against 8; with equal rows DataParallelStepTest shows the rest is exact.
        assertTrue(updateSquared > 0, "the one-process run trained");
        assertTrue(Double.isFinite(relative), "both runs trained to finite weights");
    }

    @Test
    void filesModeGivesEachRankItsOwnShards() throws Exception {
        Path job = tmp.resolve("files");
        List<JobReport> two = runRanks(new ArrayList<>(ThreadCollective.group(2)), job, "resnet-18", 8, "files");
        assertEquals(two.get(0).finalMetrics().values(), two.get(1).finalMetrics().values(), "every rank has the same evaluation");
        assertFalse(Files.exists(rankDir(job, 1)), "rank 1 wrote nothing");
        assertTrue(Files.exists(job.resolve("checkpoints/model.ckpt-5.index")));
    }

    @Test
    void aBatchThatDoesNotDivideAmongTheRanksIsRefusedWithTheNumbers() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> runRanks(new ArrayList<>(ThreadCollective.group(3)), tmp.resolve("three"), "resnet-18", 8, "batches"));
        assertTrue(e.getCause() instanceof ArgumentException, String.valueOf(e.getCause()));
        assertEquals(List.of("--train_batch_size=8 cannot be split among 3 ranks: each rank takes train_batch_size / 3 images of every "
                + "training and evaluation batch, so it must be a multiple of 3 (e.g. 6 or 9)"), ((ArgumentException) e.getCause()).problems());
        assertFalse(Files.exists(tmp.resolve("three")), "nothing was written");
    }

    /** The image count and per-class supports in a job's newest evaluation report. */
    private static List<String> supports(Path jobDir) throws IOException {
        String json = Files.readString(jobDir.resolve("eval/latest/report.json"));
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("\"(images|support)\": \\d+").matcher(json);
        while (m.find()) {
            found.add(m.group());
        }
        assertTrue(found.size() > 1, json);
        return found;
    }

    /** Rank 0 gets {@code jobDir}, rank r > 0 a job dir of its own, so what it writes there shows. */
    private static Path rankDir(Path jobDir, int rank) {
        return rank == 0 ? jobDir : jobDir.resolveSibling(jobDir.getFileName() + "-rank" + rank);
    }

    private static List<JobReport> runRanks(List<Collective> ranks, Path jobDir, String model, int batch, String sharding)
            throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(ranks.size());
        try {
            List<Future<JobReport>> futures = new ArrayList<>();
            for (Collective c : ranks) {
                futures.add(threads.submit(() -> {
                    try {
                        return run(c, rankDir(jobDir, c.rank()), model, batch, sharding);
                    } catch (Throwable e) {
                        if (c instanceof ThreadCollective t) {
                            t.abort();
                        }
                        throw e;
                    }
                }));
            }
            List<JobReport> reports = new ArrayList<>();
            for (Future<JobReport> f : futures) {
                try {
                    reports.add(f.get());
                } catch (ExecutionException e) {
                    throw new AssertionError("a rank failed: " + e.getCause(), e.getCause());
                }
            }
            return reports;
        } finally {
            threads.shutdownNow();
        }
    }

    private static JobReport run(Collective collective, Path jobDir, String model, int batch, String sharding) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        return TrainingJob.run(TrainingArguments.parseConfig("--training_data_path=" + data.trainingPattern(),
                "--validation_data_path=" + data.validationPattern(), "--job-dir=" + jobDir, "--num_classes=" + data.numClasses(),
                "--max_steps=5", "--train_batch_size=" + batch, "--image_size=32", "--model_type=" + model,
                "--initial_learning_rate=0.01", "--eval_every_steps=5", "--seed=17", "--data_sharding=" + sharding, "--device=cpu"),
                new JobEnvironment(out, Map.of(), new RecordingExporter(), (m, p, o) -> {
                    throw new AssertionError("no warm start was asked for");
                }, StopRequest.NEVER).withCollective(collective));
    }
}
