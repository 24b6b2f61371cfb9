package dev.imgcls.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imgcls.data.image.TfOracle.JpegKind;
import dev.imgcls.data.image.jpeg.DctMethod;
import dev.imgcls.data.image.jpeg.JpegDecoder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our JPEG decoder against TF's DecodeJpeg(channels=3) on the same bytes. Measured difference: none
 * (bit-identical) for every variant below, with both IDCTs, so the tests demand equality; any
 * deviation from libjpeg-turbo's arithmetic shows up as a failure rather than hiding in a tolerance.
 */
class JpegDecoderTest {
    private static TfOracle tf;

    @BeforeAll
    static void oracle() {
        assumeTrue(TfOracle.available(), "TensorFlow runtime not available on this platform");
        tf = TfOracle.get();
    }

    private static final int[][] SIZES = {{500, 375}, {333, 251}, {1001, 17}, {64, 64}, {7, 5}, {3, 3}, {1, 1}, {2, 9}, {17, 2}};

    @Test
    void identicalToTfOnTfEncodedBaselineProgressiveAndGrayJpegs() {
        for (int[] s : SIZES) {
            RgbImage photo = TestImages.photo(s[0], s[1], s[0] * 31L + s[1]);
            for (JpegKind kind : JpegKind.values()) {
                byte[] jpeg = tf.encodeJpeg(photo, kind);
                String what = s[0] + "x" + s[1] + " " + kind;
                assertSame(tf.decodeJpeg(jpeg), JpegDecoder.decode(jpeg), what + " (INTEGER_FAST, TF's default)");
                assertSame(tf.decodeJpegAccurate(jpeg), JpegDecoder.decode(jpeg, null, DctMethod.INTEGER_ACCURATE),
                        what + " (INTEGER_ACCURATE)");
            }
        }
    }

    @Test
    void identicalToTfAcrossSamplingFactorsRestartIntervalsAndProgression() {
        // Luma sampling: 4:4:4, 4:2:0, 4:2:2 (h2v1 fancy), 4:4:0 (h1v2 fancy), 4:1:1 (replication).
        int[][] sampling = {{1, 1}, {2, 2}, {2, 1}, {1, 2}, {4, 1}};
        int[][] sizes = {{129, 67}, {40, 31}, {5, 4}};
        for (int[] size : sizes) {
            RgbImage photo = TestImages.photo(size[0], size[1], size[0] + 7L * size[1]);
            for (int[] hv : sampling) {
                for (int restart : new int[] {0, 3}) {
                    for (boolean progressive : new boolean[] {false, true}) {
                        byte[] jpeg = TestImages.jpeg(photo, 0.87f, hv[0], hv[1], restart, progressive);
                        String what = size[0] + "x" + size[1] + " sampling " + hv[0] + "x" + hv[1] + " restart " + restart
                                + (progressive ? " progressive" : " baseline");
                        assertSame(tf.decodeJpeg(jpeg), JpegDecoder.decode(jpeg), what);
                    }
                }
            }
        }
        byte[] withRestarts = TestImages.jpeg(TestImages.photo(64, 48, 1), 0.9f, 2, 2, 2, false);
        assertTrue(containsMarker(withRestarts, 0xDD) && containsMarker(withRestarts, 0xD0), "restart markers were written");
    }

    @Test
    void cmykAndYcckJpegsConvertLikeTf() {
        byte[] cmyk = TestImages.fourChannelJpeg(97, 61, 5, 0.9f);
        byte[] adobeCmyk = TestImages.withAdobeMarker(cmyk, 0);
        byte[] ycck = TestImages.withAdobeMarker(cmyk, 2);
        for (byte[] jpeg : new byte[][] {cmyk, adobeCmyk, ycck}) {
            assertSame(tf.decodeJpeg(jpeg), JpegDecoder.decode(jpeg), "4-channel JPEG");
        }
        // Adobe files store inverted CMYK, so the same samples give different colours.
        assertNotEquals(Arrays.hashCode(JpegDecoder.decode(cmyk).pixels()), Arrays.hashCode(JpegDecoder.decode(adobeCmyk).pixels()));
        assertNotEquals(Arrays.hashCode(JpegDecoder.decode(adobeCmyk).pixels()), Arrays.hashCode(JpegDecoder.decode(ycck).pixels()));
    }

    @Test
    void grayscaleJpegExpandsToThreeEqualChannels() {
        byte[] jpeg = tf.encodeJpeg(TestImages.photo(45, 33, 3), JpegKind.GRAY);
        RgbImage img = JpegDecoder.decode(jpeg);
        for (int i = 0; i < img.width() * img.height(); i++) {
            assertEquals(img.pixels()[3 * i], img.pixels()[3 * i + 1]);
            assertEquals(img.pixels()[3 * i], img.pixels()[3 * i + 2]);
        }
        assertSame(tf.decodeJpeg(jpeg), img, "gray");
    }

    @Test
    void cropWindowIsIdenticalToTfDecodeAndCropJpeg() {
        RgbImage photo = TestImages.photo(211, 157, 9);
        byte[][] jpegs = {
            tf.encodeJpeg(photo, JpegKind.BASELINE_420), tf.encodeJpeg(photo, JpegKind.PROGRESSIVE_420),
            tf.encodeJpeg(photo, JpegKind.BASELINE_444), tf.encodeJpeg(photo, JpegKind.GRAY),
            TestImages.jpeg(photo, 0.9f, 2, 1, 0, false), TestImages.jpeg(photo, 0.9f, 1, 2, 0, false),
            TestImages.jpeg(photo, 0.9f, 4, 1, 0, false), TestImages.jpeg(photo, 0.9f, 2, 2, 4, false)};
        String[] names = {"tf 4:2:0", "tf progressive", "tf 4:4:4", "tf gray", "4:2:2", "4:4:0", "4:1:1", "4:2:0 restarts"};
        Random r = new Random(42);
        for (int k = 0; k < jpegs.length; k++) {
            for (int i = 0; i < 30; i++) {
                // Half the windows start on an iMCU boundary (multiple of 16 or 32), some are 1-3 pixels wide.
                int w = i % 5 == 0 ? 1 + r.nextInt(3) : 1 + r.nextInt(211);
                int h = 1 + r.nextInt(157);
                int x = r.nextInt(211 - w + 1);
                if (i % 2 == 0) {
                    x = x / 16 * 16;
                }
                CropWindow win = new CropWindow(x, r.nextInt(157 - h + 1), w, h);
                assertSame(tf.decodeAndCropJpeg(jpegs[k], win), JpegDecoder.decode(jpegs[k], win, DctMethod.INTEGER_FAST),
                        names[k] + " window " + win);
            }
        }
    }

    @Test
    void cropWindowDiffersFromACropOfTheFullDecodeOnlyInItsEdgeColumns() {
        byte[] jpeg = tf.encodeJpeg(TestImages.photo(300, 200, 17), JpegKind.BASELINE_420);
        RgbImage full = JpegDecoder.decode(jpeg);
        Random r = new Random(7);
        int differing = 0;
        double worst = 0;
        for (int i = 0; i < 40; i++) {
            int w = 3 + r.nextInt(200);
            int h = 1 + r.nextInt(150);
            CropWindow win = new CropWindow(r.nextInt(300 - w + 1), r.nextInt(200 - h + 1), w, h);
            RgbImage crop = JpegDecoder.decode(jpeg, win, DctMethod.INTEGER_FAST);
            CropWindow inner = new CropWindow(1, 0, w - 2, h);
            assertSame(full.crop(win).crop(inner), crop.crop(inner), "interior of " + win);
            double[] d = TestImages.difference(full.crop(win), crop);
            worst = Math.max(worst, d[0]);
            differing += d[0] > 0 ? 1 : 0;
        }
        System.out.printf("window decode (= DecodeAndCropJpeg) vs crop of full decode: %d/40 windows differ, "
                + "all in the first/last column, worst %.0f levels%n", differing, worst);
        CropWindow interior = new CropWindow(17, 5, 100, 50);
        assertSame(full.crop(interior), JpegDecoder.decode(jpeg, interior, DctMethod.INTEGER_FAST), "window off iMCU boundaries");
    }

    @Test
    void truncatedJpegsFailWithAClearMessage() {
        byte[] jpeg = tf.encodeJpeg(TestImages.photo(120, 90, 2), JpegKind.BASELINE_420);
        for (int keep : new int[] {3, 20, 200, jpeg.length / 2, jpeg.length - 10}) {
            byte[] cut = Arrays.copyOf(jpeg, keep);
            ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(cut), "kept " + keep);
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("corrupt"), e.getMessage());
        }
        byte[] progressive = tf.encodeJpeg(TestImages.photo(120, 90, 2), JpegKind.PROGRESSIVE_420);
        byte[] cut = Arrays.copyOf(progressive, progressive.length * 2 / 3);
        assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(cut));
    }

    @Test
    void unsupportedAndCorruptJpegsFailWithAClearMessage() {
        byte[] jpeg = tf.encodeJpeg(TestImages.photo(40, 30, 2), JpegKind.BASELINE_444);
        int sof = indexOfMarker(jpeg, 0xC0);

        byte[] arithmetic = jpeg.clone();
        arithmetic[sof + 1] = (byte) 0xC9;
        assertMessage("arithmetic", () -> JpegDecoder.decode(arithmetic));

        byte[] twelveBit = jpeg.clone();
        twelveBit[sof + 4] = 12;
        assertMessage("12-bit", () -> JpegDecoder.decode(twelveBit));

        byte[] noHuffman = jpeg.clone();
        int dht = indexOfMarker(noHuffman, 0xC4);
        noHuffman[dht + 1] = (byte) 0xE5; // turn the tables into an ignored APP5 segment
        assertMessage("Huffman", () -> JpegDecoder.decode(noHuffman));

        byte[] noFrame = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
        assertMessage("no frame", () -> JpegDecoder.decode(noFrame));
    }

    @Test
    void decompressionBombIsRejectedFromTheHeader() {
        byte[] jpeg = tf.encodeJpeg(TestImages.photo(16, 16, 1), JpegKind.BASELINE_420);
        int sof = indexOfMarker(jpeg, 0xC0);
        byte[] bomb = jpeg.clone();
        bomb[sof + 5] = (byte) 0xEA; // height 60000
        bomb[sof + 6] = (byte) 0x60;
        bomb[sof + 7] = (byte) 0xEA; // width 60000
        bomb[sof + 8] = (byte) 0x60;
        assertMessage("60000x60000", () -> ImageDecoder.decode(bomb));
        assertMessage("limit", () -> JpegDecoder.decode(bomb));
        // 20000 x 20000 fits each side but not the pixel budget.
        bomb[sof + 5] = (byte) 0x4E;
        bomb[sof + 6] = (byte) 0x20;
        bomb[sof + 7] = (byte) 0x4E;
        bomb[sof + 8] = (byte) 0x20;
        assertMessage("limit", () -> ImageDecoder.probe(bomb));
    }

    static void assertSame(RgbImage expected, RgbImage actual, String what) {
        assertEquals(expected.width(), actual.width(), what + ": width");
        assertEquals(expected.height(), actual.height(), what + ": height");
        if (!Arrays.equals(expected.pixels(), actual.pixels())) {
            double[] d = TestImages.difference(expected, actual);
            assertArrayEquals(expected.pixels(), actual.pixels(),
                    what + String.format(": max abs diff %.0f, mean %.4f", d[0], d[1]));
        }
    }

    static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable decode) {
        ImageDecodeException e = assertThrows(ImageDecodeException.class, decode);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should mention '" + fragment + "'");
    }

    static int indexOfMarker(byte[] jpeg, int marker) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new AssertionError("marker " + Integer.toHexString(marker) + " not found");
    }

    private static boolean containsMarker(byte[] jpeg, int marker) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return true;
            }
        }
        return false;
    }
}
