package dev.imgcls.export.golden;

import dev.imgcls.export.savedmodel.TestImages;
import dev.imgcls.export.savedmodel.TestModels;
import dev.imgcls.nn.Mode;
import dev.imgcls.nn.Model;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Tensor;

import java.util.Arrays;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What both model goldens share: the weights (one of our models with random weights, gammas,
 * betas, biases and moving statistics, so no batch norm is the identity), the images, and the
 * comparison of our logits with the reference network's.
 */
final class GoldenLogits {
    static final int IMAGE_SIZE = 64;
    static final int NUM_CLASSES = 7;
    /**
     * |reference − ours| ≤ this × max |our logit|. Observed: 3.4e-5 (ResNet-50, 53 layers of float
     * rounding in two orders) and 8e-6 (EfficientNet-B0); a wiring mutant of either reference
     * (SAME for the explicit padding, stride on the 1×1, epsilon, a dropped swish) moves them by 0.5 or more.
     */
    static final double RELATIVE_TOLERANCE = 1e-4;
    /** Logits must differ this much between classes of one image and between images (TestModels spreads them over a few units). */
    private static final double MIN_SPREAD = 0.1;

    private GoldenLogits() {
    }

    /** {@code modelType} with random weights, its batch-norm statistics of the right scale. */
    static Model randomModel(String modelType, long seed) {
        return TestModels.randomized(modelType, NUM_CLASSES, seed, TestImages.calibrationBatch(IMAGE_SIZE));
    }

    /** Three images {@code [3, 64, 64, 3]} (float 0..255), unlike the calibration ones. */
    static Tensor images() {
        return TestImages.scaledBatch(new int[][] {{80, 70}, {120, 96}, {64, 64}}, 11, IMAGE_SIZE);
    }

    static float[][] ourLogits(Model model, Tensor images) {
        float[] flat;
        try (Autograd.Scope ng = Autograd.noGrad()) {
            flat = model.forward(images, Mode.EVAL).toFloatArray();
        }
        int n = images.dim(0);
        assertEquals(n * NUM_CLASSES, flat.length, "our logits' size");
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * NUM_CLASSES, (i + 1) * NUM_CLASSES);
        }
        return rows;
    }

    /** Same logits within the tolerance, and logits that depend on the image and the class. */
    static void assertSame(String what, float[][] ours, float[][] reference) {
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < ours.length; i++) {
            for (int j = 0; j < NUM_CLASSES; j++) {
                scale = Math.max(scale, Math.abs(ours[i][j]));
                diff = Math.max(diff, Math.abs(ours[i][j] - reference[i][j]));
            }
        }
        System.out.printf(Locale.ROOT, "%s: largest |reference - ours| %.2e on logits up to %.3f%n", what, diff, scale);
        assertTrue(diff <= RELATIVE_TOLERANCE * scale, what + ": the reference network's logits differ from ours by " + diff
                + " on logits up to " + scale + "\nours:      " + Arrays.deepToString(ours) + "\nreference: " + Arrays.deepToString(reference));
        for (int i = 0; i < ours.length; i++) {
            double across = max(ours[i]) - min(ours[i]);
            assertTrue(across >= MIN_SPREAD, what + ": image " + i + "'s logits hardly vary across classes: " + Arrays.toString(ours[i]));
            double fromFirst = 0;
            for (int j = 0; j < NUM_CLASSES; j++) {
                fromFirst = Math.max(fromFirst, Math.abs(ours[i][j] - ours[0][j]));
            }
            assertTrue(i == 0 || fromFirst >= MIN_SPREAD, what + ": image " + i + "'s logits are nearly image 0's: " + Arrays.deepToString(ours));
        }
    }

    private static double max(float[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static double min(float[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (float x : v) {
            m = Math.min(m, x);
        }
        return m;
    }
}
