package dev.imgcls.data.pipeline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The slices of a batch, put side by side, are the whole pipeline's batch: same records, same crops and flips. */
class BatchSliceTest {
    private static final int SIZE = 6;
    private static final int BATCH = 12;
    private static final int CLASSES = 3;

    @TempDir
    static Path dir;
    private static String pattern;

    @BeforeAll
    static void writeShards() throws IOException {
        pattern = TestShards.write(dir.resolve("train"), 3, 20, TestShards.labelledByShard(CLASSES, 0));
    }

    private static PipelineConfig.Builder config() {
        return PipelineConfig.builder(List.of(pattern), BATCH, CLASSES).seed(9).shuffleBuffer(16).workers(3);
    }

    @Test
    void slicesOfTrainingAndEvaluationBatchesMakeUpTheWholeBatches() throws IOException {
        for (boolean training : new boolean[] {true, false}) {
            int rows = BATCH / 3;
            int length = SIZE * SIZE * 3;
            try (InputPipeline whole = open(config(), training)) {
                InputPipeline[] slices = new InputPipeline[3];
                try {
                    for (int r = 0; r < 3; r++) {
                        slices[r] = open(config().batchSlice(r, 3), training);
                    }
                    for (int b = 0; b < 4; b++) {
                        Batch all = whole.next();
                        float[] images = all.images().toFloatArray();
                        int[] labels = all.labels().toIntArray();
                        for (int r = 0; r < 3; r++) {
                            Batch part = slices[r].next();
                            assertEquals(rows, part.labels().toIntArray().length);
                            assertArrayEquals(Arrays.copyOfRange(labels, r * rows, (r + 1) * rows), part.labels().toIntArray(),
                                    (training ? "training" : "evaluation") + " batch " + b + " slice " + r + " labels");
                            assertArrayEquals(Arrays.copyOfRange(images, r * rows * length, (r + 1) * rows * length),
                                    part.images().toFloatArray(), (training ? "training" : "evaluation") + " batch " + b + " slice " + r);
                        }
                    }
                } finally {
                    for (InputPipeline p : slices) {
                        if (p != null) {
                            p.close();
                        }
                    }
                }
            }
        }
    }

    @Test
    void aBatchThatDoesNotCutEvenlyOrSkippingImagesIsRefused() {
        assertEquals("a batch of 12 cannot be cut into 5 equal slices",
                assertThrows(IllegalArgumentException.class, () -> config().batchSlice(1, 5).build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> config().batchSlice(0, 2).skipUndecodable(true).build());
        assertThrows(IllegalArgumentException.class, () -> config().batchSlice(2, 2).build());
    }

    private static InputPipeline open(PipelineConfig.Builder config, boolean training) throws IOException {
        NearestNeighbourPreprocessor preprocessor = new NearestNeighbourPreprocessor(SIZE, 0);
        return training ? InputPipeline.training(config.build(), preprocessor) : InputPipeline.evaluation(config.build(), preprocessor);
    }
}
