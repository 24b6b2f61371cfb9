package dev.imgcls.train.command;

import dev.imgcls.data.pipeline.InputPipeline;
import dev.imgcls.data.pipeline.ShardList;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.io.FileSystems;
import dev.imgcls.train.demo.PatternDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code mpirun -np 2} and {@code -np 3} of {@code imgcls train --data_sharding=files} over 8 shards
 * of unequal sizes: from each rank's verbose line per pass over its files (what its readers read,
 * file by file, with the records read from each; see the README), every shard is read to its end
 * by exactly one rank in epoch 1 and again in epoch 2, and the same job run again splits the
 * shards the same way. The training input reads far ahead of training (its shuffle buffer of 1024
 * records holds many passes over this small data), so the passes are logged before the first step
 * ends, and the test stops the job there.
 */
class MpiFileShardsTest {
    private static final long BOUND_SECONDS = 300;
    private static final Pattern PASS = Pattern.compile(
            "training input \\(files of rank (\\d+) of (\\d+)\\): epoch (\\d+) read (\\d+) files? to their end, (\\d+) records?, in (\\S+): (.*)");
    private static final Pattern FILE = Pattern.compile("(\\S+) \\((\\d+)\\)");

    @TempDir
    static Path tmp;
    static PatternDataset.Written data;
    /** Records in each training shard, by file name. */
    static Map<String, Long> records;

    @BeforeAll
    static void data() throws IOException {
        // 3 classes x 12 = 36 records dealt over 8 shards: 5, 5, 5, 5, 4, 4, 4, 4.
        data = PatternDataset.write(tmp.resolve("data"), 3, 12, 24, 8, 5);
        records = new TreeMap<>();
        for (String file : ShardList.expand(List.of(data.trainingPattern()), FileSystems.defaults())) {
            records.put(Path.of(file).getFileName().toString(), InputPipeline.countRecords(List.of(file), Compression.NONE));
        }
        assertEquals(8, records.size());
    }

    @Test
    void everyShardIsReadExactlyOncePerEpochAcrossTheRanksSplitTheSameWayEveryRun() throws IOException, InterruptedException {
        String mpirun = MpiTrainers.mpirun();
        assumeTrue(mpirun != null, MpiTrainers.NO_MPIRUN);
        Map<Integer, List<String>> two = shares(mpirun, 2, "two");
        Map<Integer, List<String>> three = shares(mpirun, 3, "three");
        assertEquals(two, shares(mpirun, 2, "two-again"), "the same seed and rank count split the shards the same way");
        assertNotEquals(two.get(0), three.get(0), "2 and 3 ranks split the shards differently");
    }

    /**
     * The job's output once every rank has logged its first two passes, whole lines only; then the job is
     * stopped (SIGKILL), as what it trains adds nothing here. A job that ends first must have succeeded.
     */
    private static String untilTwoPasses(MpiTrainers.Launch launch, int ranks) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (true) {
            boolean ended = !launch.process().isAlive();
            String out = launch.output();
            out = out.substring(0, out.lastIndexOf('\n') + 1);
            int reported = 0;
            for (int r = 0; r < ranks; r++) {
                reported += out.contains("training input (files of rank " + r + " of " + ranks + "): epoch 2 ") ? 1 : 0;
            }
            if (reported == ranks || ended) {
                if (ended) {
                    assertEquals(0, launch.process().exitValue(), out);
                } else {
                    launch.killAll();
                }
                return out;
            }
            if (System.nanoTime() > deadline) {
                launch.killAll();
                throw new AssertionError("not every rank logged two passes within " + BOUND_SECONDS + " s:\n" + out);
            }
            Thread.sleep(50);
        }
    }

    /** Runs {@code ranks} ranks until they logged two passes and checks epochs 1 and 2; returns each rank's shards, by name. */
    private Map<Integer, List<String>> shares(String mpirun, int ranks, String name) throws IOException, InterruptedException {
        MpiTrainers.Launch launch = MpiTrainers.start(mpirun, ranks, tmp.resolve(name + ".log"), Map.of("IMGCLS_VERBOSE", "1"), List.of(
                "--training_data_path=" + data.trainingPattern(), "--validation_data_path=" + data.validationPattern(),
                "--job-dir=" + tmp.resolve(name), "--num_classes=" + data.numClasses(), "--max_steps=1", "--train_batch_size=6",
                "--image_size=8", "--model_type=resnet-18", "--seed=17", "--data_sharding=files", "--threads=1", "--device=cpu"));
        String out = untilTwoPasses(launch, ranks);

        // epoch -> rank -> (file -> records read)
        Map<Integer, Map<Integer, Map<String, Long>>> passes = new HashMap<>();
        Matcher m = PASS.matcher(out);
        while (m.find()) {
            assertEquals(ranks, Integer.parseInt(m.group(2)), m.group());
            Map<String, Long> files = new TreeMap<>();
            Matcher f = FILE.matcher(m.group(7));
            while (f.find()) {
                assertNull(files.put(f.group(1), Long.parseLong(f.group(2))), "a file read twice in one pass: " + m.group());
            }
            assertEquals(Integer.parseInt(m.group(4)), files.size(), m.group());
            assertEquals(Long.parseLong(m.group(5)), files.values().stream().mapToLong(Long::longValue).sum(), m.group());
            assertNull(passes.computeIfAbsent(Integer.parseInt(m.group(3)), e -> new HashMap<>()).put(Integer.parseInt(m.group(1)), files),
                    "a pass reported twice by one rank: " + m.group());
        }
        Map<Integer, List<String>> shares = new TreeMap<>();
        for (int epoch = 1; epoch <= 2; epoch++) {
            Map<Integer, Map<String, Long>> byRank = passes.get(epoch);
            assertTrue(byRank != null && byRank.size() == ranks, "every rank reports epoch " + epoch + ":\n" + out);
            Map<String, Long> read = new TreeMap<>();
            for (Map.Entry<Integer, Map<String, Long>> r : byRank.entrySet()) {
                for (Map.Entry<String, Long> file : r.getValue().entrySet()) {
                    assertNull(read.put(file.getKey(), file.getValue()), file.getKey() + " read by two ranks in epoch " + epoch + ":\n" + out);
                }
                List<String> mine = List.copyOf(r.getValue().keySet());
                if (epoch == 1) {
                    shares.put(r.getKey(), mine);
                } else {
                    assertEquals(shares.get(r.getKey()), mine, "rank " + r.getKey() + " reads the same shards every epoch");
                }
            }
            assertEquals(records, read, ranks + " ranks, epoch " + epoch + ": every shard read to its end by exactly one rank:\n" + out);
        }
        return shares;
    }
}
