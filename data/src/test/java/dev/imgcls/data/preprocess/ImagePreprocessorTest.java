package dev.imgcls.data.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imgcls.data.image.CropWindow;
import dev.imgcls.data.image.ImageDecoder;
import dev.imgcls.data.image.RgbImage;
import dev.imgcls.data.image.TestImages;
import dev.imgcls.data.image.TfOracle;
import dev.imgcls.data.image.TfOracle.JpegKind;
import dev.imgcls.tensor.Generator;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole preprocessing against the reference graph run by TF: decode, crop, resize_bicubic.
 * Differences are judged after the reference normalization, i.e. divided by the per-channel std
 * (255 * [0.229, 0.224, 0.225]) the model applies.
 */
class ImagePreprocessorTest {
    private static final float[] STD = {58.395f, 57.12f, 57.375f};
    private static TfOracle tf;

    @BeforeAll
    static void oracle() {
        assumeTrue(TfOracle.available(), "TensorFlow runtime not available on this platform");
        tf = TfOracle.get();
    }

    @Test
    void evalOfPngMatchesTfWithinOneThousandthOfAStd() {
        Random r = new Random(5);
        int[][] sizes = {{333, 251}, {251, 333}, {500, 375}, {37, 23}, {20, 13}, {7, 7}};
        for (int[] s : sizes) {
            int w = s[0];
            int h = s[1];
            byte[] rgb = TestImages.photo(w, h, w + h).pixels();
            short[] deep = new short[w * h * 3];
            for (int i = 0; i < deep.length; i++) {
                deep[i] = (short) (((rgb[i] & 0xFF) << 8) | r.nextInt(256));
            }
            byte[][] pngs = {
                tf.encodePng8(rgb, h, w, 3), tf.encodePng16(deep, h, w, 3),
                TestImages.png(TestImages.indexed(w, h, 8, 2), false), TestImages.png(TestImages.gray(w, h, 8, 3), false),
                TestImages.png(TestImages.gray(w, h, 16, 4), true)};
            String[] kinds = {"rgb8", "rgb16", "palette", "gray8", "gray16 interlaced"};
            for (int size : new int[] {224, 31}) {
                for (int k = 0; k < pngs.length; k++) {
                    CropWindow win = CenterCrop.window(h, w, size);
                    float[] expected = tf.decodeCropResize(pngs[k], false, win, size);
                    assertNormalizedClose(expected, eval(pngs[k], size), 1e-3, w + "x" + h + " " + kinds[k] + " at " + size);
                }
            }
        }
    }

    @Test
    void evalOfJpegIsTheReferenceDecodeAndCropJpegPath() {
        int size = 224;
        double worstFullDecode = 0;
        for (int[] s : new int[][] {{500, 375}, {333, 251}, {640, 427}, {100, 300}}) {
            RgbImage photo = TestImages.photo(s[0], s[1], s[0] * 3L + s[1]);
            for (JpegKind kind : JpegKind.values()) {
                byte[] jpeg = tf.encodeJpeg(photo, kind);
                CropWindow win = CenterCrop.window(s[1], s[0], size);
                float[] ours = eval(jpeg, size);
                // The reference: decode_and_crop_jpeg(window) then resize_bicubic.
                assertNormalizedClose(tf.decodeAndCropResizeJpeg(jpeg, win, size), ours, 0, s[0] + "x" + s[1] + " " + kind);
                // DecodeJpeg of the whole image then a slice differs where the window's edge columns do.
                worstFullDecode = Math.max(worstFullDecode, maxNormalized(tf.decodeCropResize(jpeg, true, win, size), ours));
            }
        }
        System.out.printf("JPEG eval: identical to DecodeAndCropJpeg+ResizeBicubic; vs DecodeJpeg+slice+ResizeBicubic "
                + "worst |diff|/std %.4f%n", worstFullDecode);
    }

    @Test
    void trainIsReproducibleAndComposedOfCropResizeAndFlip() {
        byte[] jpeg = tf.encodeJpeg(TestImages.photo(500, 375, 1), JpegKind.BASELINE_420);
        ImagePreprocessor pre = new ImagePreprocessor(224);
        int flips = 0;
        for (long seed = 0; seed < 12; seed++) {
            float[] a = new float[pre.outputLength()];
            float[] b = new float[pre.outputLength()];
            pre.train(jpeg, new Generator(seed), a, 0);
            pre.train(jpeg, new Generator(seed), b, 0);
            assertArrayEquals(a, b, "seed " + seed);

            Generator g = new Generator(seed);
            CropWindow crop = DistortedBoxSampler.reference().sample(375, 500, g);
            boolean flip = g.nextFloat() < 0.5f;
            flips += flip ? 1 : 0;
            float[] expected = new float[pre.outputLength()];
            BicubicResize.resize(ImageDecoder.decode(jpeg, crop), 224, 224, flip, expected, 0);
            assertArrayEquals(expected, a, "seed " + seed + " crop " + crop + " flip " + flip);
            assertNormalizedClose(tf.decodeAndCropResizeJpeg(jpeg, crop, 224), flip ? mirror(a, 224) : a, 0, "seed " + seed);
        }
        assertTrue(flips > 0 && flips < 12, "flip never varied: " + flips);
    }

    @Test
    void tinyAndElongatedImagesDoNotCrashAndFallBackToTheCenterCrop() {
        ImagePreprocessor pre = new ImagePreprocessor(224);
        int[][] sizes = {{1, 1}, {2, 3}, {15, 15}, {1, 1000}, {1000, 1}, {16, 9}};
        for (int[] s : sizes) {
            RgbImage img = TestImages.photo(s[0], s[1], 3);
            for (byte[] encoded : new byte[][] {tf.encodeJpeg(img, JpegKind.BASELINE_420), tf.encodePng8(img.pixels(), s[1], s[0], 3)}) {
                float[] out = new float[pre.outputLength()];
                pre.eval(encoded, out, 0);
                assertFinite(out, s[0] + "x" + s[1] + " eval");
                for (long seed = 0; seed < 5; seed++) {
                    pre.train(encoded, new Generator(seed), out, 0);
                    assertFinite(out, s[0] + "x" + s[1] + " train");
                }
            }
        }
        // A 1000x1 image can only fall back: train then equals eval (up to the flip).
        byte[] line = tf.encodePng8(TestImages.photo(1000, 1, 2).pixels(), 1, 1000, 3);
        float[] eval = new float[pre.outputLength()];
        float[] train = new float[pre.outputLength()];
        pre.eval(line, eval, 0);
        Generator g = new Generator(3);
        pre.train(line, g, train, 0);
        float[] unflipped = Arrays.equals(train, eval) ? train : mirror(train, 224);
        assertArrayEquals(eval, unflipped);
    }

    @Test
    void writesExactlyItsSlotOfABatch() {
        ImagePreprocessor pre = new ImagePreprocessor(32);
        byte[] png = tf.encodePng8(TestImages.photo(50, 40, 1).pixels(), 40, 50, 3);
        float[] batch = new float[3 * pre.outputLength()];
        Arrays.fill(batch, Float.NaN);
        pre.eval(png, batch, pre.outputLength());
        for (int i = 0; i < batch.length; i++) {
            boolean inSlot = i >= pre.outputLength() && i < 2 * pre.outputLength();
            assertEquals(inSlot, !Float.isNaN(batch[i]), "index " + i);
        }
    }

    private static float[] eval(byte[] encoded, int size) {
        ImagePreprocessor pre = new ImagePreprocessor(size);
        float[] out = new float[pre.outputLength()];
        pre.eval(encoded, out, 0);
        return out;
    }

    private static void assertNormalizedClose(float[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = maxNormalized(expected, actual);
        assertTrue(worst <= tolerance, what + ": max |ours - TF| / std = " + worst);
    }

    private static double maxNormalized(float[] expected, float[] actual) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / STD[i % 3]);
        }
        return worst;
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

    private static void assertFinite(float[] a, String what) {
        for (float v : a) {
            assertTrue(Float.isFinite(v) && v > -100 && v < 355, what + ": " + v);
        }
    }
}
