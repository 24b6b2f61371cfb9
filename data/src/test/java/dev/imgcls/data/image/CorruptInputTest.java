package dev.imgcls.data.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomly damaged files of every format either decode or fail with {@link ImageDecodeException}:
 * never another exception type (which would escape the caller's per-record error handling), never
 * a hang.
 */
class CorruptInputTest {
    @Test
    void damagedImagesFailOnlyWithImageDecodeException() {
        RgbImage photo = TestImages.photo(61, 43, 1);
        byte[][] files = {
            TestImages.jpeg(photo, 0.85f, 2, 2, 0, false), TestImages.jpeg(photo, 0.85f, 2, 1, 2, true),
            TestImages.fourChannelJpeg(30, 20, 2, 0.8f), TestImages.png(TestImages.toBufferedImage(photo), true),
            TestImages.png(TestImages.indexed(40, 30, 4, 3), false), TestImages.encode(TestImages.indexed(40, 30, 8, 4), "gif"),
            TestImages.encode(TestImages.toBufferedImage(photo), "bmp")};
        Random r = new Random(99);
        int failures = 0;
        int total = 0;
        for (byte[] file : files) {
            for (int i = 0; i < 150; i++, total++) {
                byte[] damaged = file.clone();
                int edits = 1 + r.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    // Headers matter most: aim half of the edits at the first 200 bytes.
                    int at = r.nextBoolean() ? r.nextInt(Math.min(200, damaged.length)) : r.nextInt(damaged.length);
                    damaged[at] = (byte) r.nextInt(256);
                }
                if (r.nextInt(4) == 0) {
                    damaged = java.util.Arrays.copyOf(damaged, 1 + r.nextInt(damaged.length));
                }
                try {
                    RgbImage img = ImageDecoder.decode(damaged);
                    assertTrue(img.width() > 0 && img.height() > 0);
                } catch (ImageDecodeException expected) {
                    failures++;
                    assertTrue(!expected.getMessage().isBlank());
                } catch (RuntimeException other) {
                    throw new AssertionError("damaged " + ImageFormat.detect(file) + " #" + i + " threw " + other, other);
                }
            }
        }
        System.out.printf("damaged files: %d of %d rejected with ImageDecodeException, the rest decoded%n", failures, total);
    }
}
