package dev.imgcls.data.convert;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageHeadersTest {

    @Test
    void jpegAndPngSizesComeFromTheHeader() throws IOException {
        for (int[] size : new int[][] {{1, 1}, {17, 5}, {300, 2}, {33, 64}}) {
            BufferedImage image = TestImages.pattern(size[0], size[1], 3);
            assertEquals(new ImageHeaders.Info("JPEG", size[0], size[1]), ImageHeaders.probe(TestImages.encode(image, "jpg")));
            assertEquals(new ImageHeaders.Info("PNG", size[0], size[1]), ImageHeaders.probe(TestImages.encode(image, "png")));
        }
    }

    @Test
    void otherFormatsAreNotProbed() throws IOException {
        BufferedImage image = TestImages.pattern(9, 4, 1);
        assertNull(ImageHeaders.probe(TestImages.encode(image, "bmp")));
        assertNull(ImageHeaders.probe(TestImages.encode(image, "gif")));
        assertNull(ImageHeaders.probe("hello".getBytes(StandardCharsets.US_ASCII)));
        assertNull(ImageHeaders.probe(new byte[0]));
    }

    @Test
    void damagedHeadersAreErrors() {
        byte[] jpeg = TestImages.encode(TestImages.pattern(20, 10, 2), "jpg");
        IOException cut = assertThrows(IOException.class, () -> ImageHeaders.probe(Arrays.copyOf(jpeg, 30)));
        assertTrue(cut.getMessage().contains("ends before its frame header"), cut.getMessage());
        byte[] png = TestImages.encode(TestImages.pattern(20, 10, 2), "png");
        assertThrows(IOException.class, () -> ImageHeaders.probe(Arrays.copyOf(png, 20)));
        byte[] noFrame = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
        IOException e = assertThrows(IOException.class, () -> ImageHeaders.probe(noFrame));
        assertTrue(e.getMessage().contains("end of image before any frame header"), e.getMessage());
    }

    @Test
    void otherFormatsAreConvertedToLosslessPng() throws IOException {
        BufferedImage source = TestImages.pattern(13, 7, 5);
        for (String format : new String[] {"bmp"}) {
            EncodedImage converted = EncodedImage.of(TestImages.encode(source, format), "x." + format);
            assertEquals("PNG", converted.format());
            assertEquals(13, converted.width());
            assertEquals(7, converted.height());
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(converted.bytes()));
            assertArrayEquals(source.getRGB(0, 0, 13, 7, null, 0, 13), back.getRGB(0, 0, 13, 7, null, 0, 13));
        }
        // GIF is palette-based: the converted pixels are what ImageIO decodes from the GIF.
        byte[] gif = TestImages.encode(source, "gif");
        BufferedImage decodedGif = ImageIO.read(new ByteArrayInputStream(gif));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(EncodedImage.of(gif, "x.gif").bytes()));
        int[] expected = decodedGif.getRGB(0, 0, 13, 7, null, 0, 13);
        for (int i = 0; i < expected.length; i++) {
            expected[i] |= 0xFF000000;
        }
        assertArrayEquals(expected, back.getRGB(0, 0, 13, 7, null, 0, 13));
    }

    @Test
    void jpegAndPngBytesAreKeptAsTheyAre() throws IOException {
        byte[] jpeg = TestImages.encode(TestImages.pattern(8, 6, 1), "jpg");
        EncodedImage kept = EncodedImage.of(jpeg, "a.jpg");
        assertSame(jpeg, kept.bytes());
        assertEquals("JPEG", kept.format());
    }

    @Test
    void greyImagesKeepTheirLevels() throws IOException {
        BufferedImage grey = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_GRAY);
        int[] levels = {0, 50, 128, 255};
        for (int x = 0; x < 4; x++) {
            grey.getRaster().setSample(x, 0, 0, levels[x]);
        }
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(EncodedImage.of(TestImages.encode(grey, "bmp"), "g.bmp").bytes()));
        for (int x = 0; x < 4; x++) {
            int v = levels[x];
            assertEquals(0xFF000000 | v << 16 | v << 8 | v, back.getRGB(x, 0));
        }
    }

    @Test
    void unreadableBytesNameTheFile() {
        IOException e = assertThrows(IOException.class, () -> EncodedImage.of("text".getBytes(StandardCharsets.US_ASCII), "/data/cat/1.jpg"));
        assertTrue(e.getMessage().startsWith("cannot read image /data/cat/1.jpg: not a JPEG, PNG"), e.getMessage());
    }
}
