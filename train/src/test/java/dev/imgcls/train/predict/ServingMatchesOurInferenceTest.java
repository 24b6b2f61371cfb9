package dev.imgcls.train.predict;

import dev.imgcls.export.savedmodel.ExportedModel;
import dev.imgcls.export.savedmodel.SavedModelExporter;
import dev.imgcls.export.savedmodel.ServingModelBuilder;
import dev.imgcls.export.savedmodel.ServingSignature;
import dev.imgcls.export.savedmodel.TensorFlowServing;
import dev.imgcls.export.savedmodel.TestImages;
import dev.imgcls.export.savedmodel.TestModels;
import dev.imgcls.nn.Model;
import dev.imgcls.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our SavedModels in TensorFlow 2.18's C++ loader (the TF Serving path): for models with random
 * weights and batch-norm statistics, the serving signature returns what {@link ImagePredictor} on
 * the reloaded export returns, for batches of 5 and of 1, PNG, JPEG and the other formats; the
 * graph's decode, crop and resize give data's eval preprocessing bit for bit. Here because it needs
 * both export (and its TF test fixtures) and data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServingMatchesOurInferenceTest {
    private static final int IMAGE_SIZE = 64;
    private static final int NUM_CLASSES = 10;
    /** The brief's tolerance on probabilities; observed differences are ~4e-5 at most (oneDNN vs our kernels). */
    private static final double PROB_TOLERANCE = 1e-4;

    @TempDir
    Path tmp;

    private final List<byte[]> pngs = List.of(TestImages.png(80, 70, 1), TestImages.png(100, 130, 2), TestImages.png(300, 200, 3),
            TestImages.png(57, 91, 4), TestImages.png(64, 64, 5));
    private final List<String> keys = List.of("a", "bb", "img-3", "", "last");

    @BeforeAll
    void tensorFlowAvailable() {
        TensorFlowServing.assumeAvailable();
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet-18", "resnet-50", "efficientnet-b0"})
    void servingMatchesOurInference(String modelType) throws Exception {
        List<byte[]> jpegs = List.of(TestImages.jpeg(80, 70, 1), TestImages.jpeg(100, 130, 2), TestImages.jpeg(300, 200, 3),
                TestImages.jpeg(57, 91, 4), TestImages.jpeg(64, 64, 5));
        List<byte[]> mixed = List.of(TestImages.encode(TestImages.rgb(90, 60, 6), "gif"), TestImages.encode(TestImages.rgb(75, 99, 7), "bmp"),
                TestImages.grayPng(120, 70, 8), TestImages.jpeg(40, 41, 9), TestImages.png(16, 300, 10));
        Path dir = tmp.resolve(modelType);
        SavedModelExporter.export(TestModels.randomized(modelType, NUM_CLASSES, 11, calibration(IMAGE_SIZE, pngs, jpegs, mixed)), IMAGE_SIZE, dir);
        ImagePredictor ours = ImagePredictor.of(ExportedModel.load(dir));
        assertTrue(spread(ours.predict(pngs)) > 0.05, "the test model's predictions must depend on the image");
        try (TensorFlowServing tf = TensorFlowServing.load(dir)) {
            assertSame(modelType + " PNG x5", tf.predict(pngs, keys), ours.predict(pngs, keys));
            assertSame(modelType + " PNG x1", tf.predict(pngs.subList(2, 3), List.of("one")), ours.predict(pngs.subList(2, 3), List.of("one")));
            assertSame(modelType + " no key", tf.predict(pngs, null), ours.predict(pngs));
            assertEquals(Collections.nCopies(5, ServingSignature.DEFAULT_KEY), tf.predict(pngs, null).keys());

            // The decoded, cropped, resized pixels are bit-identical; what differs is network arithmetic.
            assertArrayEquals(EvalBatch.of(jpegs, IMAGE_SIZE).toFloatArray(),
                    tf.fetchFloats(ServingModelBuilder.PREPROCESSED_IMAGES, jpegs), modelType + " JPEG preprocessing");
            double jpegDiff = assertSame(modelType + " JPEG x5", tf.predict(jpegs, keys), ours.predict(jpegs, keys));
            System.out.printf(Locale.ROOT, "%s: largest |p_TF - p_ours| over 5 JPEGs: %.2e%n", modelType, jpegDiff);

            assertArrayEquals(EvalBatch.of(mixed, IMAGE_SIZE).toFloatArray(),
                    tf.fetchFloats(ServingModelBuilder.PREPROCESSED_IMAGES, mixed), modelType + " GIF/BMP/gray/JPEG/PNG preprocessing");
            assertSame(modelType + " mixed formats", tf.predict(mixed, List.of("k")), ours.predict(mixed, List.of("k")));
        }
    }

    @Test
    void resnet50AtFullResolution() throws Exception {
        int size = 224;
        Path dir = tmp.resolve("resnet-50-224");
        List<byte[]> images = List.of(TestImages.png(320, 240, 21), TestImages.jpeg(500, 375, 22), TestImages.png(224, 224, 23));
        // Calibrated at 64×64: the network is convolutional, its channel statistics barely depend on
        // the resolution, and training-mode passes at 224×224 would dominate the test's time.
        Model model = TestModels.randomized("resnet-50", 7, 12, calibration(IMAGE_SIZE, images));
        SavedModelExporter.export(model, size, dir);
        try (TensorFlowServing tf = TensorFlowServing.load(dir)) {
            assertSame("resnet-50 @224", tf.predict(images, null), new ImagePredictor(model, size).predict(images));
        }
    }

    /**
     * Small pictures (28×28 as Fashion-MNIST's, and a few near it) at image_size 32 with another
     * crop padding ({@code --eval_crop_padding}): the export records it, TF's decode and crop give
     * our eval preprocessing bit for bit, and the predictions agree.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 4})
    void smallPicturesWithAnotherCropPadding(int padding) throws Exception {
        int size = 32;
        List<byte[]> small = List.of(TestImages.png(28, 28, 31), TestImages.jpeg(28, 28, 32), TestImages.grayPng(28, 28, 33),
                TestImages.png(20, 28, 34), TestImages.jpeg(30, 23, 35));
        Path dir = tmp.resolve("small-" + padding);
        Model model = TestModels.randomized("resnet-18", NUM_CLASSES, 13, EvalBatch.of(small, size, padding));
        SavedModelExporter.export(model, size, padding, dir, Map.of());
        ExportedModel exported = ExportedModel.load(dir);
        assertEquals(padding, exported.info().evalCropPadding());
        ImagePredictor ours = ImagePredictor.of(exported);
        try (TensorFlowServing tf = TensorFlowServing.load(dir)) {
            float[] preprocessed = EvalBatch.of(small, size, padding).toFloatArray();
            assertArrayEquals(preprocessed, tf.fetchFloats(ServingModelBuilder.PREPROCESSED_IMAGES, small), "padding " + padding);
            assertFalse(Arrays.equals(EvalBatch.of(small, size).toFloatArray(), preprocessed), "the reference crop differs");
            assertSame("resnet-18 small pictures, padding " + padding, tf.predict(small, keys), ours.predict(small, keys));
        }
    }

    /**
     * The batch-norm calibration images: the test images themselves, so that the random network
     * stays well conditioned on them (see {@link TestModels}); the comparison does not depend on
     * how the weights were chosen.
     */
    @SafeVarargs
    private static Tensor calibration(int imageSize, List<byte[]>... sets) {
        List<byte[]> all = new ArrayList<>();
        for (List<byte[]> s : sets) {
            all.addAll(s);
        }
        return EvalBatch.of(all, imageSize);
    }

    /** Same classes and keys, probabilities within the tolerance; returns the largest difference. */
    private static double assertSame(String what, TensorFlowServing.Response tf, ImagePredictor.Predictions ours) {
        assertArrayEquals(ours.classes(), tf.classes(), what + ": classes");
        assertEquals(ours.keys(), tf.keys(), what + ": keys");
        double worst = 0;
        for (int i = 0; i < ours.size(); i++) {
            float[] p = ours.probabilities()[i];
            assertEquals(p.length, tf.probabilities()[i].length, what + ": number of classes");
            for (int j = 0; j < p.length; j++) {
                worst = Math.max(worst, Math.abs(p[j] - tf.probabilities()[i][j]));
            }
        }
        assertTrue(worst <= PROB_TOLERANCE, what + ": probabilities differ by " + worst);
        return worst;
    }

    /** The largest change of any class probability between the first image and another. */
    private static double spread(ImagePredictor.Predictions p) {
        double spread = 0;
        for (int i = 1; i < p.size(); i++) {
            for (int j = 0; j < p.probabilities()[i].length; j++) {
                spread = Math.max(spread, Math.abs(p.probabilities()[i][j] - p.probabilities()[0][j]));
            }
        }
        return spread;
    }
}
