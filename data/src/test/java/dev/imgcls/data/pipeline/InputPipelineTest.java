package dev.imgcls.data.pipeline;

import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.RecordLocation;
import dev.imgcls.tensor.DType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Order, determinism, shuffling and batch contents of training and evaluation pipelines. */
class InputPipelineTest {

    private static final int SIZE = 6;
    private static final int SHARDS = 4;
    private static final int PER_SHARD = 30;
    private static final int CLASSES = 3;

    @TempDir
    static Path dir;
    private static String pattern;

    @BeforeAll
    static void writeShards() throws IOException {
        pattern = TestShards.write(dir.resolve("train"), SHARDS, PER_SHARD, TestShards.labelledByShard(CLASSES, 0));
    }

    /** What a test compares between runs: pixels, labels and origins of each batch. */
    private record Taken(List<float[]> images, List<int[]> labels, List<RecordLocation> locations) {}

    private static PipelineConfig.Builder config(int batch) {
        return PipelineConfig.builder(List.of(pattern), batch, CLASSES);
    }

    private static Taken take(InputPipeline pipeline, int batches) throws IOException {
        Taken t = new Taken(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int b = 0; b < batches; b++) {
            Batch batch = pipeline.next();
            float[] images = batch.images().toFloatArray();
            t.images.add(images);
            t.labels.add(batch.labels().toIntArray());
            t.locations.addAll(batch.locations());
            for (int i = 0; i < batch.size(); i++) {
                // The pixels are those of the record the batch says they are.
                RecordLocation at = batch.locations().get(i);
                assertArrayEquals(new int[] {shardOf(at), (int) at.index()}, TestShards.identity(images, i, SIZE), at.toString());
                assertEquals(shardOf(at) % CLASSES, batch.labels().toIntArray()[i]);
            }
        }
        return t;
    }

    private static Taken train(PipelineConfig config, int maxSleepMillis, int batches) throws IOException {
        try (InputPipeline p = InputPipeline.training(config, new NearestNeighbourPreprocessor(SIZE, maxSleepMillis))) {
            return take(p, batches);
        }
    }

    static int shardOf(RecordLocation at) {
        String name = Path.of(at.source()).getFileName().toString();
        return Integer.parseInt(name.substring("data-".length(), "data-".length() + 2));
    }

    private static void assertSameBatches(Taken a, Taken b) {
        assertEquals(a.locations, b.locations);
        for (int i = 0; i < a.images.size(); i++) {
            assertArrayEquals(a.images.get(i), b.images.get(i), "batch " + i);
            assertArrayEquals(a.labels.get(i), b.labels.get(i), "batch " + i);
        }
    }

    @Test
    void batchesAreNhwcFloatImagesAndIntClassIndices() throws IOException {
        try (InputPipeline p = InputPipeline.training(config(5).seed(3).build(), new NearestNeighbourPreprocessor(SIZE, 0))) {
            Batch batch = p.next();
            assertArrayEquals(new int[] {5, SIZE, SIZE, 3}, batch.images().dims());
            assertEquals(DType.FLOAT32, batch.images().dtype());
            assertArrayEquals(new int[] {5}, batch.labels().dims());
            assertEquals(DType.INT32, batch.labels().dtype());
            assertEquals(5, batch.size());
        }
    }

    @Test
    void sameSeedGivesTheSameBatchesWhateverTheThreadTiming() throws IOException {
        // 20 batches of 8 = 160 examples: more than one epoch (120), so file re-ordering is covered too.
        PipelineConfig jittery = config(8).seed(7).workers(4).shuffleBuffer(50).cycleLength(3).readAheadRecords(2).build();
        Taken first = train(jittery, 2, 20);
        Taken second = train(jittery, 2, 20);
        assertSameBatches(first, second);
        // The worker and reader counts do not matter either: examples are batched by sequence number.
        PipelineConfig serial = config(8).seed(7).workers(1).readerThreads(1).shuffleBuffer(50).cycleLength(3).build();
        assertSameBatches(first, train(serial, 0, 20));
    }

    @Test
    void differentSeedsGiveDifferentOrdersAndCrops() throws IOException {
        Taken a = train(config(8).seed(1).build(), 0, 4);
        Taken b = train(config(8).seed(2).build(), 0, 4);
        assertNotEquals(a.locations, b.locations);
        // The same record appears in both runs with other random crops or flips.
        Map<RecordLocation, float[]> pixelsA = pixelsByRecord(a);
        Map<RecordLocation, float[]> pixelsB = pixelsByRecord(b);
        int compared = 0;
        int differing = 0;
        for (Map.Entry<RecordLocation, float[]> e : pixelsA.entrySet()) {
            float[] other = pixelsB.get(e.getKey());
            if (other != null) {
                compared++;
                differing += Arrays.equals(e.getValue(), other) ? 0 : 1;
            }
        }
        assertTrue(compared >= 3, "too few common records to compare: " + compared);
        assertTrue(differing * 2 > compared, differing + " of " + compared + " common records differ");
    }

    private static Map<RecordLocation, float[]> pixelsByRecord(Taken t) {
        Map<RecordLocation, float[]> out = new HashMap<>();
        int per = SIZE * SIZE * 3;
        int example = 0;
        for (float[] images : t.images) {
            for (int i = 0; i < images.length / per; i++) {
                out.put(t.locations.get(example++), Arrays.copyOfRange(images, i * per, (i + 1) * per));
            }
        }
        return out;
    }

    @Test
    void withoutShufflingOneFileIsReadInOrder() throws IOException {
        Taken t = train(config(10).seed(5).cycleLength(1).shuffleBuffer(1).build(), 0, 3);
        int shard = shardOf(t.locations.get(0));
        for (int i = 0; i < 30; i++) {
            assertEquals(shard, shardOf(t.locations.get(i)));
            assertEquals(i, t.locations.get(i).index());
        }
    }

    @Test
    void interleaveTakesOneRecordFromEachOpenFileInTurn() throws IOException {
        Taken t = train(config(8).seed(5).cycleLength(SHARDS).shuffleBuffer(1).build(), 0, 30);
        for (int i = 0; i < SHARDS * PER_SHARD; i++) {
            assertEquals(i / SHARDS, t.locations.get(i).index(), "position " + i);
        }
        // One epoch: every record exactly once, then the next epoch again every record once.
        assertEquals(SHARDS * PER_SHARD, new HashSet<>(t.locations.subList(0, SHARDS * PER_SHARD)).size());
        assertEquals(SHARDS * PER_SHARD, new HashSet<>(t.locations.subList(SHARDS * PER_SHARD, 2 * SHARDS * PER_SHARD)).size());
    }

    @Test
    void epochsVisitTheFilesInNewOrders() throws IOException {
        // One file at a time, no shuffle: the file sequence is visible directly.
        Taken t = train(config(10).seed(11).cycleLength(1).shuffleBuffer(1).build(), 0, 12 * SHARDS * PER_SHARD / 10);
        List<List<Integer>> epochs = new ArrayList<>();
        for (int e = 0; e < 12; e++) {
            List<Integer> files = new ArrayList<>();
            for (int f = 0; f < SHARDS; f++) {
                files.add(shardOf(t.locations.get((e * SHARDS + f) * PER_SHARD)));
            }
            assertEquals(Set.of(0, 1, 2, 3), new HashSet<>(files), "each epoch reads every file once");
            epochs.add(files);
        }
        assertTrue(new HashSet<>(epochs).size() > 1, "every epoch had the same file order: " + epochs);
    }

    @Test
    void shuffleBufferMixesFilesAndOrder() throws IOException {
        // One file at a time: any mixing of files near the start comes from the shuffle buffer.
        Taken t = train(config(16).seed(5).cycleLength(1).shuffleBuffer(100).build(), 0, 1);
        Set<Integer> shards = new HashSet<>();
        boolean inFileOrder = true;
        for (int i = 0; i < 16; i++) {
            shards.add(shardOf(t.locations.get(i)));
            inFileOrder &= t.locations.get(i).index() == i;
        }
        assertTrue(shards.size() >= 3, "first batch drew from files " + shards);
        assertFalse(inFileOrder);
    }

    @Test
    void oneBasedLabelsBecomeZeroBasedClassIndices() throws IOException {
        String ones = TestShards.write(dir.resolve("ones"), 2, 6, TestShards.labelledByShard(2, 1));
        PipelineConfig config = PipelineConfig.builder(List.of(ones), 4, 2).labelBase(LabelBase.ONE).build();
        try (InputPipeline p = InputPipeline.evaluation(config, new NearestNeighbourPreprocessor(SIZE, 0))) {
            for (Batch b; (b = p.next()) != null; ) {
                int[] labels = b.labels().toIntArray();
                for (int i = 0; i < b.size(); i++) {
                    assertEquals(shardOf(b.locations().get(i)), labels[i]);
                }
            }
        }
    }

    @Test
    void compressedFilesAreReadWithTheirCompression() throws IOException {
        String gz = TestShards.write(dir.resolve("gzip"), 2, 9, TestShards.labelledByShard(CLASSES, 0), Compression.GZIP);
        PipelineConfig config = PipelineConfig.builder(List.of(gz), 6, CLASSES).compression(Compression.GZIP).build();
        int images = 0;
        try (InputPipeline p = InputPipeline.evaluation(config, new NearestNeighbourPreprocessor(SIZE, 0))) {
            for (Batch b; (b = p.next()) != null; ) {
                images += b.size();
            }
        }
        assertEquals(18, images);
        // Read as uncompressed, the first record fails with TensorFlow's hint.
        PipelineConfig plain = PipelineConfig.builder(List.of(gz), 6, CLASSES).build();
        try (InputPipeline p = InputPipeline.evaluation(plain, new NearestNeighbourPreprocessor(SIZE, 0))) {
            InputPipelineException e = assertThrows(InputPipelineException.class, p::next);
            assertTrue(e.getMessage().contains("read it with compression GZIP"), e.getMessage());
        }
    }

    @Test
    void trainingOnEmptyFilesFailsInsteadOfSpinning() throws IOException {
        String empty = TestShards.write(dir.resolve("empty"), 3, 0, TestShards.labelledByShard(CLASSES, 0));
        try (InputPipeline p = InputPipeline.training(PipelineConfig.builder(List.of(empty), 2, CLASSES).build(),
                new NearestNeighbourPreprocessor(SIZE, 0))) {
            InputPipelineException e = assertThrows(InputPipelineException.class, p::next);
            assertTrue(e.getMessage().contains("all 3 TFRecord files are empty"), e.getMessage());
        }
        try (InputPipeline p = InputPipeline.evaluation(PipelineConfig.builder(List.of(empty), 2, CLASSES).build(),
                new NearestNeighbourPreprocessor(SIZE, 0))) {
            assertNull(p.next());
        }
    }

    // ---- evaluation ---------------------------------------------------------------------------

    private static List<RecordLocation> evaluate(int batch, long numEvalImages, int workers) throws IOException {
        PipelineConfig config = config(batch).numEvalImages(numEvalImages).workers(workers).build();
        List<RecordLocation> seen = new ArrayList<>();
        try (InputPipeline p = InputPipeline.evaluation(config, new NearestNeighbourPreprocessor(SIZE, 1))) {
            for (Batch b; (b = p.next()) != null; ) {
                assertEquals(batch, b.size());
                seen.addAll(b.locations());
            }
            assertNull(p.next(), "stays at the end");
        }
        return seen;
    }

    @Test
    void evaluationReadsAllFullBatchesInFileOrder() throws IOException {
        List<RecordLocation> seen = evaluate(7, 0, 3);
        assertEquals(SHARDS * PER_SHARD / 7 * 7, seen.size()); // 17 batches, the last 1 image dropped
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i / PER_SHARD, shardOf(seen.get(i)));
            assertEquals(i % PER_SHARD, seen.get(i).index());
        }
        assertEquals(seen, evaluate(7, 0, 1), "every evaluation sees the same images");
    }

    @Test
    void numEvalImagesTakesTheFirstFullBatches() throws IOException {
        List<RecordLocation> seen = evaluate(8, 45, 2); // 45 // 8 = 5 batches, 40 images
        assertEquals(40, seen.size());
        assertEquals(seen, evaluate(8, 0, 2).subList(0, 40));
    }

    @Test
    void evaluationPixelsAreTheSameEveryTime() throws IOException {
        PipelineConfig config = config(6).numEvalImages(30).workers(3).build();
        List<float[]> first = new ArrayList<>();
        try (InputPipeline p = InputPipeline.evaluation(config, new NearestNeighbourPreprocessor(SIZE, 2))) {
            for (Batch b; (b = p.next()) != null; ) {
                first.add(b.images().toFloatArray());
            }
        }
        try (InputPipeline p = InputPipeline.evaluation(config, new NearestNeighbourPreprocessor(SIZE, 2))) {
            for (float[] expected : first) {
                assertArrayEquals(expected, p.next().images().toFloatArray());
            }
            assertNull(p.next());
        }
    }

    @Test
    void askingForMoreEvalImagesThanExistFails() throws IOException {
        long available = InputPipeline.countRecords(List.of(pattern), Compression.NONE);
        assertEquals(SHARDS * PER_SHARD, available);
        IllegalArgumentException early = assertThrows(IllegalArgumentException.class, () -> EvalSize.batches(200, 8, available));
        assertTrue(early.getMessage().contains("num_eval_images=200 but the validation data holds only 120 records"), early.getMessage());
        assertEquals(15, EvalSize.batches(0, 8, available));
        assertEquals(5, EvalSize.batches(47, 9, available));
        assertThrows(IllegalArgumentException.class, () -> EvalSize.batches(5, 8, available));

        // Without the early check, the pipeline itself fails after the images it has.
        PipelineConfig config = config(8).numEvalImages(200).build();
        try (InputPipeline p = InputPipeline.evaluation(config, new NearestNeighbourPreprocessor(SIZE, 0))) {
            for (int b = 0; b < 15; b++) {
                p.next();
            }
            InputPipelineException e = assertThrows(InputPipelineException.class, p::next);
            assertTrue(e.getMessage().contains("ran out after 120 images: 25 batches of 8 were wanted"), e.getMessage());
        }
    }

    @Test
    void fewerEvalImagesThanOneBatchIsRejectedUpFront() {
        PipelineConfig config = config(8).numEvalImages(5).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InputPipeline.evaluation(config, new NearestNeighbourPreprocessor(SIZE, 0)));
        assertTrue(e.getMessage().contains("num_eval_images=5 is less than one batch of 8"), e.getMessage());
    }
}
