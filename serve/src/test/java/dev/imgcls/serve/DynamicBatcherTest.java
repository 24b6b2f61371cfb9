package dev.imgcls.serve;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DynamicBatcherTest {
    /** One pixel per image; its "probabilities" are {pixel, batch size}, so a test sees which batch an image ran in. */
    private static final class EchoPredictor implements Predictor {
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String modelType() {
            return "echo";
        }

        @Override
        public int imageSize() {
            return 1;
        }

        @Override
        public int pixelsPerImage() {
            return 1;
        }

        @Override
        public int numClasses() {
            return 2;
        }

        @Override
        public void preprocess(byte[] encoded, float[] out, int offset) {
            out[offset] = encoded[0];
        }

        @Override
        public float[] probabilities(float[] pixels, int n) {
            batchSizes.add(n);
            float[] out = new float[2 * n];
            for (int i = 0; i < n; i++) {
                out[2 * i] = pixels[i];
                out[2 * i + 1] = n;
            }
            return out;
        }
    }

    @Test
    void imagesWaitingTogetherRunTogetherUpToTheBatchSize() throws Exception {
        EchoPredictor predictor = new EchoPredictor();
        ServeMetrics metrics = new ServeMetrics();
        // A long wait: all 10 images are queued before the first batch closes.
        try (DynamicBatcher batcher = new DynamicBatcher(4, 200_000, metrics)) {
            List<CompletableFuture<float[]>> futures = batcher.submit(predictor, new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 10);
            for (int i = 0; i < 10; i++) {
                assertEquals(i, futures.get(i).get()[0], "image " + i);
            }
        }
        assertEquals(List.of(4, 4, 2), predictor.batchSizes);
        assertEquals(3, metrics.batches());
    }

    @Test
    void aBatchHoldsTheImagesOfOnePredictor() throws Exception {
        EchoPredictor old = new EchoPredictor();
        EchoPredictor reloaded = new EchoPredictor();
        try (DynamicBatcher batcher = new DynamicBatcher(8, 200_000, new ServeMetrics())) {
            List<CompletableFuture<float[]>> a = batcher.submit(old, new float[] {1, 2}, 2);
            List<CompletableFuture<float[]>> b = batcher.submit(reloaded, new float[] {3, 4, 5}, 3);
            List<CompletableFuture<float[]>> c = batcher.submit(old, new float[] {6}, 1);
            assertArrayEquals(new float[] {2, 2}, a.get(1).get());
            assertArrayEquals(new float[] {5, 3}, b.get(2).get());
            assertArrayEquals(new float[] {6, 1}, c.get(0).get());
        }
        assertEquals(List.of(2, 1), old.batchSizes);
        assertEquals(List.of(3), reloaded.batchSizes);
    }

    @Test
    void aFailingBatchFailsOnlyItsOwnImages() throws Exception {
        EchoPredictor echo = new EchoPredictor();
        Predictor failingOnce = new Predictor() {
            private boolean failed;

            @Override
            public String modelType() {
                return "flaky";
            }

            @Override
            public int imageSize() {
                return 1;
            }

            @Override
            public int pixelsPerImage() {
                return 1;
            }

            @Override
            public int numClasses() {
                return 2;
            }

            @Override
            public void preprocess(byte[] encoded, float[] out, int offset) {
                echo.preprocess(encoded, out, offset);
            }

            @Override
            public float[] probabilities(float[] pixels, int n) {
                if (!failed) {
                    failed = true;
                    throw new IllegalArgumentException("boom");
                }
                return echo.probabilities(pixels, n);
            }
        };
        try (DynamicBatcher batcher = new DynamicBatcher(4, 0, new ServeMetrics())) {
            CompletableFuture<float[]> first = batcher.submit(failingOnce, new float[] {1}, 1).get(0);
            assertTrue(assertThrows(Exception.class, first::get).getCause() instanceof IllegalArgumentException);
            assertArrayEquals(new float[] {2, 1}, batcher.submit(failingOnce, new float[] {2}, 1).get(0).get());
        }
    }

    @Test
    void afterCloseImagesAreRefused() {
        DynamicBatcher batcher = new DynamicBatcher(4, 0, new ServeMetrics());
        batcher.close();
        Exception e = assertThrows(Exception.class, () -> batcher.submit(new EchoPredictor(), new float[] {1}, 1).get(0).get());
        assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
    }
}
