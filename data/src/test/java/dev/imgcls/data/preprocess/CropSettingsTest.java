package dev.imgcls.data.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imgcls.data.image.ImageDecoder;
import dev.imgcls.data.image.TestImages;
import dev.imgcls.tensor.Generator;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The small-picture crop settings through {@link ImagePreprocessor}, on a 28x28 picture at image_size 32. */
class CropSettingsTest {
    private static final byte[] PICTURE = TestImages.png(TestImages.toBufferedImage(TestImages.photo(28, 28, 7)), false);

    @Test
    void paddingZeroEvaluatesTheWholePicture() {
        ImagePreprocessor pre = new ImagePreprocessor(32, new CropSettings(0, 0.08f));
        float[] ours = new float[pre.outputLength()];
        pre.eval(PICTURE, ours, 0);
        float[] whole = new float[pre.outputLength()];
        BicubicResize.resize(ImageDecoder.decode(PICTURE), 32, 32, false, whole, 0);
        assertArrayEquals(whole, ours);
        float[] reference = new float[pre.outputLength()];
        new ImagePreprocessor(32).eval(PICTURE, reference, 0);
        assertFalse(Arrays.equals(reference, ours), "the reference crop keeps only the central 14x14");
    }

    @Test
    void minimumAreaOneTrainsOnTheEvaluationCropFlippedHalfTheTime() {
        ImagePreprocessor pre = new ImagePreprocessor(32, new CropSettings(0, 1f));
        float[] eval = new float[pre.outputLength()];
        pre.eval(PICTURE, eval, 0);
        float[] mirrored = mirror(eval, 32);
        Generator g = new Generator(5);
        int flipped = 0;
        for (int i = 0; i < 40; i++) {
            float[] train = new float[pre.outputLength()];
            pre.train(PICTURE, g, train, 0);
            boolean same = Arrays.equals(eval, train);
            assertTrue(same || Arrays.equals(mirrored, train), "draw " + i + " is neither the picture nor its mirror");
            flipped += same ? 0 : 1;
        }
        assertTrue(flipped > 5 && flipped < 35, flipped + " of 40 flipped");
    }

    @Test
    void referenceSettingsAreTheReferencesAndBadValuesAreRejected() {
        assertEquals(new CropSettings(32, 0.08f), CropSettings.REFERENCE);
        assertThrows(IllegalArgumentException.class, () -> new CropSettings(-1, 0.5f));
        assertThrows(IllegalArgumentException.class, () -> new CropSettings(0, 0f));
        assertThrows(IllegalArgumentException.class, () -> new CropSettings(0, 1.5f));
        assertThrows(IllegalArgumentException.class, () -> new CropSettings(0, Float.NaN));
    }

    private static float[] mirror(float[] img, int size) {
        float[] out = new float[img.length];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                System.arraycopy(img, (y * size + x) * 3, out, (y * size + size - 1 - x) * 3, 3);
            }
        }
        return out;
    }
}
