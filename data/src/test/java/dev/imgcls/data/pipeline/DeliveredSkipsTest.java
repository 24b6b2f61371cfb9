package dev.imgcls.data.pipeline;

import dev.imgcls.data.tfrecord.RecordLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The skipped images a training consumer is told of are those of the batches it took, each bad
 * record counted once however many epochs passed over it, whatever the threads read ahead.
 */
class DeliveredSkipsTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void countsTheSkipsOfTheBatchesTakenNotOfTheReadAhead() throws IOException, InterruptedException {
        TestShards.RecordMaker good = TestShards.labelledByShard(2, 0);
        String pattern = TestShards.write(dir, 1, 4, (s, i) -> i % 2 == 1
                ? new TestShards.Content("not an image".getBytes(StandardCharsets.US_ASCII), 0) : good.make(s, i));
        String file = TestShards.path(dir, 0, 1).toString();
        // One file, a shuffle buffer of 1: records 0 1 2 3 0 1 2 3 … in order. Batches of 2 good
        // images: the first skips record 1; each later one skips 3 and 1 (the next epoch's).
        PipelineConfig config = PipelineConfig.builder(List.of(pattern), 2, 2).shuffleBuffer(1).skipUndecodable(true).seed(4).build();
        try (InputPipeline p = InputPipeline.training(config, new NearestNeighbourPreprocessor(5, 0))) {
            SkippedImages skipped = p.skippedInDeliveredBatches();
            assertEquals(List.of(0L, 2L), p.next().locations().stream().map(RecordLocation::index).toList());
            while (p.skippedImages() < 3) {
                Thread.sleep(5); // the prefetch queue fills, so the threads skip further than the batch taken
            }
            assertEquals(1, skipped.count());
            assertEquals("skipped 1 undecodable training image (first: " + file + " record 1)", skipped.summary("training"));

            p.next();
            p.next();
            assertEquals(5, skipped.count());
            assertEquals(2, skipped.distinctCount());
            assertEquals("skipped 2 undecodable training images (first: " + file + " record 1; 5 skips in all, as the data repeats)",
                    skipped.summary("training"));
        }
    }
}
