package dev.imgcls.data.pipeline;

import dev.imgcls.io.FileSystems;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * File shares as the ranks of a {@code --data_sharding=files} job read them: over each rank's own
 * pass through its share, the ranks together deliver every record of every file exactly once, and
 * so again in the next pass; each pass is logged with the records read from every file.
 */
class FileShareEpochsTest {
    private static final int FILES = 7;
    private static final int PER_FILE = 6;
    private static final int RANKS = 3;
    private static final int SIZE = 4;

    @TempDir
    static Path dir;
    private static String pattern;

    @BeforeAll
    static void writeShards() throws IOException {
        pattern = TestShards.write(dir.resolve("train"), FILES, PER_FILE, TestShards.labelledByShard(2, 0));
    }

    @Test
    void theSharesTogetherDeliverEveryRecordOncePerPass() throws IOException {
        for (int pass = 1; pass <= 2; pass++) {
            Set<List<Integer>> delivered = new HashSet<>();
            for (int rank = 0; rank < RANKS; rank++) {
                int files = FileShares.share(files(), 3, rank, RANKS).size();
                // A shuffle buffer of 1 keeps each pass's records ahead of the next pass's (a larger one mixes the
                // ends of consecutive passes, as tf.data's shuffle after repeat does); a batch is one file's records.
                try (InputPipeline p = InputPipeline.training(config(rank).shuffleBuffer(1).build(), new NearestNeighbourPreprocessor(SIZE, 0))) {
                    for (int b = 0; b < (pass - 1) * files; b++) {
                        p.next();
                    }
                    for (int b = 0; b < files; b++) {
                        float[] images = p.next().images().toFloatArray();
                        for (int e = 0; e < PER_FILE; e++) {
                            int[] id = TestShards.identity(images, e, SIZE);
                            assertTrue(delivered.add(List.of(id[0], id[1])), "pass " + pass + ": record " + id[1] + " of file " + id[0]
                                    + " delivered twice (rank " + rank + ")");
                        }
                    }
                }
            }
            assertEquals(FILES * PER_FILE, delivered.size(), "pass " + pass + " delivers every record of every file once");
        }
    }

    @Test
    void eachPassIsLoggedWithTheRecordsOfEveryFileOfTheShare() throws IOException {
        Logger logger = Logger.getLogger(ReadEpochs.class.getName());
        List<String> lines = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (lines) {
                    lines.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level level = logger.getLevel();
        logger.setLevel(Level.FINE);
        logger.addHandler(handler);
        try {
            Map<String, Integer> owner = new HashMap<>();
            for (int rank = 0; rank < RANKS; rank++) {
                List<String> share = FileShares.share(files(), 3, rank, RANKS);
                int before;
                synchronized (lines) {
                    before = lines.size();
                }
                // The default shuffle buffer (1024) reads the 2-file share many times over before the first batch.
                try (InputPipeline p = InputPipeline.training(config(rank).build(), new NearestNeighbourPreprocessor(SIZE, 0))) {
                    p.next();
                }
                List<String> mine;
                synchronized (lines) {
                    mine = List.copyOf(lines.subList(before, lines.size()));
                }
                StringBuilder files = new StringBuilder();
                for (String path : share) {
                    files.append(files.isEmpty() ? "" : ", ").append(Path.of(path).getFileName()).append(" (").append(PER_FILE).append(')');
                    assertEquals(null, owner.put(path, rank), path + " is in one share only");
                }
                String expected = "training input (files of rank " + rank + " of " + RANKS + "): epoch %d read " + share.size() + " files to their end, "
                        + share.size() * PER_FILE + " records, in " + dir.resolve("train") + "/: " + files;
                assertTrue(mine.size() >= 2, "rank " + rank + " logged its passes: " + mine);
                assertEquals(String.format(expected, 1), mine.get(0));
                assertEquals(String.format(expected, 2), mine.get(1));
            }
            assertEquals(FILES, owner.size(), "every file is in a share");
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(level);
        }
    }

    @Test
    void aPassIsReportedWhenItsLastFileEndsEvenAfterAFileOfTheNextPass() {
        List<String> lines = new ArrayList<>();
        ReadEpochs epochs = new ReadEpochs("training input", 2, lines::add);
        epochs.fileEnded(1, "gs://b/d/x-1", 5);
        epochs.fileEnded(2, "gs://b/d/x-0", 4);
        assertEquals(List.of(), lines);
        epochs.fileEnded(1, "gs://b/d/x-0", 4);
        epochs.fileEnded(2, "gs://b/e/x-1", 1);
        assertEquals(List.of("training input: epoch 1 read 2 files to their end, 9 records, in gs://b/d/: x-0 (4), x-1 (5)",
                "training input: epoch 2 read 2 files to their end, 5 records, in gs://b/: d/x-0 (4), e/x-1 (1)"), lines);
    }

    private static PipelineConfig.Builder config(int rank) {
        return PipelineConfig.builder(List.of(pattern), PER_FILE, 2).seed(3).workers(2).fileShard(rank, RANKS);
    }

    private static List<String> files() throws IOException {
        return ShardList.expand(List.of(pattern), FileSystems.defaults());
    }
}
