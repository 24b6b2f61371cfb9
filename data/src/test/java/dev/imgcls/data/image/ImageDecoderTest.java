package dev.imgcls.data.image;

import static dev.imgcls.data.image.JpegDecoderTest.assertMessage;
import static dev.imgcls.data.image.JpegDecoderTest.assertSame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PNG, GIF and BMP decoding against TF's DecodePng(dtype=uint8)/DecodeGif/DecodeBmp with
 * channels=3 on the same bytes (measured: identical, so equality is required), format detection,
 * crop windows, corrupt and truncated inputs, and decompression bombs.
 */
class ImageDecoderTest {
    private static TfOracle tf;

    @BeforeAll
    static void oracle() {
        assumeTrue(TfOracle.available(), "TensorFlow runtime not available on this platform");
        tf = TfOracle.get();
    }

    @Test
    void pngOfEveryColourTypeAndDepthMatchesTf() {
        int[][] sizes = {{37, 23}, {1, 1}, {64, 5}, {3, 70}};
        for (int[] s : sizes) {
            int w = s[0];
            int h = s[1];
            Random r = new Random(w * 1000L + h);
            for (int channels = 1; channels <= 4; channels++) {
                byte[] px8 = new byte[w * h * channels];
                r.nextBytes(px8);
                checkPng(tf.encodePng8(px8, h, w, channels), w + "x" + h + " 8-bit, " + channels + " channels");
                short[] px16 = new short[w * h * channels];
                for (int i = 0; i < px16.length; i++) {
                    px16[i] = (short) r.nextInt(65536);
                }
                checkPng(tf.encodePng16(px16, h, w, channels), w + "x" + h + " 16-bit, " + channels + " channels");
            }
            for (int bits : new int[] {1, 2, 4, 8}) {
                checkPng(TestImages.png(TestImages.indexed(w, h, bits, 3), false), w + "x" + h + " palette " + bits + "-bit");
                checkPng(TestImages.png(TestImages.gray(w, h, bits, 4), false), w + "x" + h + " gray " + bits + "-bit");
            }
            checkPng(TestImages.png(TestImages.gray(w, h, 16, 5), true), w + "x" + h + " gray 16-bit interlaced");
            checkPng(TestImages.png(TestImages.toBufferedImage(TestImages.photo(w, h, 6)), true), w + "x" + h + " RGB interlaced");
        }
    }

    @Test
    void sixteenBitPngKeepsTheHighByte() {
        short[] px = {(short) 0x12FF, (short) 0xAB01, (short) 0x00FF};
        RgbImage img = ImageDecoder.decode(tf.encodePng16(px, 1, 1, 3));
        assertEquals(0x12, img.get(0, 0, 0));
        assertEquals(0xAB, img.get(0, 0, 1));
        assertEquals(0x00, img.get(0, 0, 2));
    }

    @Test
    void paletteWithTransparencyIgnoresAlpha() {
        BufferedImage indexed = TestImages.indexed(20, 10, 8, 9);
        java.awt.image.IndexColorModel icm = (java.awt.image.IndexColorModel) indexed.getColorModel();
        byte[] red = new byte[256];
        byte[] green = new byte[256];
        byte[] blue = new byte[256];
        byte[] alpha = new byte[256];
        icm.getReds(red);
        icm.getGreens(green);
        icm.getBlues(blue);
        Arrays.fill(alpha, (byte) 128);
        BufferedImage withAlpha = new BufferedImage(20, 10, BufferedImage.TYPE_BYTE_INDEXED,
                new java.awt.image.IndexColorModel(8, 256, red, green, blue, alpha));
        withAlpha.setData(indexed.getRaster());
        checkPng(TestImages.png(withAlpha, false), "palette with tRNS");
    }

    @Test
    void gifFirstFrameAndBmpMatchTf() {
        // The JDK writes interlaced GIFs: heights below and above 8 exercise every pass.
        for (int[] s : new int[][] {{31, 17}, {1, 1}, {100, 3}, {9, 2}, {13, 8}, {60, 129}}) {
            for (int bits : new int[] {1, 2, 4, 8}) {
                byte[] gif = TestImages.encode(TestImages.indexed(s[0], s[1], bits, s[0] + bits), "gif");
                assertEquals(ImageFormat.GIF, ImageDecoder.probe(gif).format());
                assertSame(tf.decodeGif(gif), ImageDecoder.decode(gif), "gif " + s[0] + "x" + s[1] + " " + bits + "-bit");
            }

            BufferedImage rgb = TestImages.toBufferedImage(TestImages.photo(s[0], s[1], 8));
            byte[] bmp = TestImages.encode(rgb, "bmp");
            assertEquals(ImageFormat.BMP, ImageDecoder.probe(bmp).format());
            assertSame(tf.decodeBmp(bmp), ImageDecoder.decode(bmp), "bmp " + s[0] + "x" + s[1]);
        }
    }

    @Test
    void formatComesFromMagicBytesAndSizeFromTheHeader() {
        RgbImage photo = TestImages.photo(41, 29, 1);
        byte[] jpeg = tf.encodeJpeg(photo, TfOracle.JpegKind.BASELINE_420);
        byte[] png = TestImages.png(TestImages.toBufferedImage(photo), false);
        assertEquals(new ImageHeader(ImageFormat.JPEG, 41, 29), ImageDecoder.probe(jpeg));
        assertEquals(new ImageHeader(ImageFormat.PNG, 41, 29), ImageDecoder.probe(png));
        assertMessage("unrecognised image format", () -> ImageDecoder.decode("not an image".getBytes()));
        assertMessage("<empty>", () -> ImageDecoder.decode(new byte[0]));
    }

    @Test
    void cropWindowOfNonJpegFormatsIsACropOfTheFullImage() {
        byte[] png = TestImages.png(TestImages.toBufferedImage(TestImages.photo(50, 40, 2)), false);
        RgbImage full = ImageDecoder.decode(png);
        CropWindow win = new CropWindow(7, 3, 30, 21);
        assertSame(full.crop(win), ImageDecoder.decode(png, win), "png window");
        assertThrows(IllegalArgumentException.class, () -> ImageDecoder.decode(png, new CropWindow(30, 0, 21, 5)));
    }

    @Test
    void corruptOrTruncatedImagesFailWithAClearMessage() {
        byte[] png = TestImages.png(TestImages.toBufferedImage(TestImages.photo(50, 40, 2)), false);
        assertMessage("PNG", () -> ImageDecoder.decode(Arrays.copyOf(png, png.length / 2)));
        assertMessage("PNG", () -> ImageDecoder.decode(Arrays.copyOf(png, 20)));
        byte[] gif = TestImages.encode(TestImages.indexed(30, 20, 8, 1), "gif");
        assertMessage("GIF", () -> ImageDecoder.decode(Arrays.copyOf(gif, gif.length / 2)));
        byte[] bmp = TestImages.encode(TestImages.toBufferedImage(TestImages.photo(30, 20, 3)), "bmp");
        assertMessage("BMP", () -> ImageDecoder.decode(Arrays.copyOf(bmp, bmp.length / 3)));
    }

    @Test
    void decompressionBombsAreRejectedBeforeAllocating() {
        byte[] png = TestImages.png(TestImages.toBufferedImage(TestImages.photo(8, 8, 2)), false);
        byte[] pngBomb = png.clone();
        writeBigEndian(pngBomb, 16, 100_000);
        writeBigEndian(pngBomb, 20, 100_000);
        assertMessage("100000x100000", () -> ImageDecoder.decode(pngBomb));

        // An 8x8 logical screen whose first frame declares 65535 x 65535.
        byte[] gifBomb = {'G', 'I', 'F', '8', '9', 'a', 8, 0, 8, 0, 0, 0, 0,
            0x2C, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 8, 1, 0, 0, 0x3B};
        assertMessage("65535x65535", () -> ImageDecoder.decode(gifBomb));

        byte[] bmp = TestImages.encode(TestImages.toBufferedImage(TestImages.photo(8, 8, 3)), "bmp");
        byte[] bmpBomb = bmp.clone();
        writeLittleEndian(bmpBomb, 18, 40_000);
        writeLittleEndian(bmpBomb, 22, -40_000);
        assertMessage("40000x40000", () -> ImageDecoder.decode(bmpBomb));
    }

    private static void checkPng(byte[] png, String what) {
        assertEquals(ImageFormat.PNG, ImageFormat.detect(png));
        assertSame(tf.decodePng(png), ImageDecoder.decode(png), what);
    }

    private static void writeBigEndian(byte[] d, int p, int v) {
        d[p] = (byte) (v >>> 24);
        d[p + 1] = (byte) (v >>> 16);
        d[p + 2] = (byte) (v >>> 8);
        d[p + 3] = (byte) v;
    }

    private static void writeLittleEndian(byte[] d, int p, int v) {
        d[p] = (byte) v;
        d[p + 1] = (byte) (v >>> 8);
        d[p + 2] = (byte) (v >>> 16);
        d[p + 3] = (byte) (v >>> 24);
    }
}
