package dev.imgcls.data.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imgcls.data.image.RgbImage;
import dev.imgcls.data.image.TestImages;
import dev.imgcls.data.image.TfOracle;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Legacy bicubic resize against TF's ResizeBicubic(align_corners=False, half_pixel_centers=False). */
class BicubicResizeTest {
    private static TfOracle tf;

    @BeforeAll
    static void oracle() {
        assumeTrue(TfOracle.available(), "TensorFlow runtime not available on this platform");
        tf = TfOracle.get();
    }

    @Test
    void floatImagesMatchTfUpAndDown() {
        // {h, w, c, outH, outW}: up, down, mixed, identity, to and from one pixel, 224 from photo sizes.
        int[][] cases = {{10, 13, 3, 224, 224}, {375, 500, 3, 224, 224}, {17, 9, 1, 4, 30}, {1, 1, 3, 5, 7},
            {2, 3, 4, 1, 1}, {224, 224, 3, 224, 224}, {33, 65, 2, 66, 32}, {300, 7, 3, 299, 8}, {5, 1000, 1, 3, 77}};
        Random r = new Random(1);
        double worst = 0;
        for (int[] c : cases) {
            float[] img = new float[c[0] * c[1] * c[2]];
            for (int i = 0; i < img.length; i++) {
                img[i] = (float) (r.nextGaussian() * 60 + 120);
            }
            float[] ours = BicubicResize.resize(img, c[0], c[1], c[2], c[3], c[4]);
            float[] theirs = tf.resizeBicubic(img, c[0], c[1], c[2], c[3], c[4]);
            assertEquals(theirs.length, ours.length);
            for (int i = 0; i < ours.length; i++) {
                double rel = Math.abs(ours[i] - theirs[i]) / Math.max(1.0, Math.abs(theirs[i]));
                worst = Math.max(worst, rel);
                assertTrue(rel <= 1e-4, Arrays.toString(c) + " at " + i + ": " + ours[i] + " vs TF " + theirs[i]);
            }
        }
        System.out.printf("bicubic resize vs TF: worst relative difference %.3g%n", worst);
    }

    @Test
    void rgbBytesResizeLikeTheirFloatValuesWithFlipAndOffset() {
        RgbImage img = TestImages.photo(41, 23, 3);
        float[] asFloat = new float[img.pixels().length];
        for (int i = 0; i < asFloat.length; i++) {
            asFloat[i] = img.pixels()[i] & 0xFF;
        }
        int out = 19;
        float[] expected = tf.resizeBicubic(asFloat, 23, 41, 3, out, out);
        int offset = 5;
        float[] dst = new float[offset + out * out * 3 + 4];
        Arrays.fill(dst, Float.NaN);
        BicubicResize.resize(img, out, out, false, dst, offset);
        assertTrue(Float.isNaN(dst[offset - 1]) && Float.isNaN(dst[offset + out * out * 3]), "wrote outside its slot");
        assertEquals(0f, maxAbs(Arrays.copyOfRange(dst, offset, offset + out * out * 3), expected));

        float[] flipped = new float[out * out * 3];
        BicubicResize.resize(img, out, out, true, flipped, 0);
        for (int y = 0; y < out; y++) {
            for (int x = 0; x < out; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(expected[(y * out + x) * 3 + c], flipped[(y * out + out - 1 - x) * 3 + c]);
                }
            }
        }
    }

    @Test
    void overshootIsNotClamped() {
        // A sharp black/white edge makes the cubic kernel ring below 0 and above 255, as in TF.
        byte[] px = new byte[8 * 8 * 3];
        for (int i = 0; i < 8 * 8; i++) {
            byte v = (byte) ((i % 8) < 4 ? 0 : 255);
            Arrays.fill(px, i * 3, i * 3 + 3, v);
        }
        float[] out = new float[20 * 20 * 3];
        BicubicResize.resize(new RgbImage(8, 8, px), 20, 20, false, out, 0);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : out) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min < 0 && max > 255, "expected ringing outside [0, 255], got " + min + ".." + max);
    }

    @Test
    void badArgumentsAreRejected() {
        RgbImage img = TestImages.photo(4, 4, 1);
        assertThrows(IllegalArgumentException.class, () -> BicubicResize.resize(img, 4, 4, false, new float[47], 0));
        assertThrows(IllegalArgumentException.class, () -> BicubicResize.resize(img, 0, 4, false, new float[48], 0));
        assertThrows(IllegalArgumentException.class, () -> BicubicResize.resize(new float[5], 2, 2, 1, 3, 3));
    }

    private static float maxAbs(float[] a, float[] b) {
        float m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
