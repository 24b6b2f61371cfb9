package dev.imgcls.train.predict;

import dev.imgcls.export.savedmodel.TestImages;
import dev.imgcls.export.savedmodel.TestModels;
import dev.imgcls.nn.Model;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImagePredictorTest {
    @Test
    void keysFollowTheServingGraph() {
        assertEquals(Collections.nCopies(3, "default"), ImagePredictor.echoKeys(List.of(), 3));
        assertEquals(List.of("k", "k", "k"), ImagePredictor.echoKeys(List.of("k"), 3));
        assertEquals(List.of("a", "b", "c"), ImagePredictor.echoKeys(List.of("a", "b", "c"), 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImagePredictor.echoKeys(List.of("a", "b"), 3));
        assertEquals("2 keys for 3 images; send one key per image, a single key, or none", e.getMessage());
    }

    @Test
    void largeRequestsRunInBatchesWithTheSameResults() {
        Model model = TestModels.randomized("resnet-18", 5, 3, EvalBatch.calibration(32));
        ImagePredictor predictor = new ImagePredictor(model, 32);
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < ImagePredictor.MAX_BATCH + 3; i++) {
            images.add(i % 2 == 0 ? TestImages.png(40 + i, 50, 200 + i) : TestImages.jpeg(60, 35 + i, 200 + i));
        }
        ImagePredictor.Predictions all = predictor.predict(images);
        assertEquals(images.size(), all.size());
        for (int i : new int[] {0, ImagePredictor.MAX_BATCH - 1, ImagePredictor.MAX_BATCH, images.size() - 1}) {
            ImagePredictor.Predictions one = predictor.predict(images.subList(i, i + 1), List.of("x"));
            assertEquals(all.classes()[i], one.classes()[0], "image " + i);
            // Not bit-equal: a batch of many images has enough 3×3 tiles for Winograd convolutions, a single
            // image takes the direct path (Conv2d.winograd); each is within ~1e-6 of exact per layer.
            assertArrayEquals(all.probabilities()[i], one.probabilities()[0], 2e-5f, "image " + i);
            assertEquals(List.of("x"), one.keys());
        }
        assertEquals(0, predictor.predict(List.of()).size());
    }
}
