package dev.imgcls.data.image;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Randomly damaged files of every format either decode or fail with {@link ImageDecodeException}:
 * never another exception type (which would escape the caller's per-record error handling), never
 * a hang. Where the outcome is known without a decoder (magic bytes gone: rejected; only a BMP's
 * pixel bytes changed: decoded) it is checked, and that bounds the rejection count.
 */
class CorruptInputTest {
    @Test
    @Timeout(120) // a decoder loop that never ends fails here rather than hanging the build
    void damagedImagesFailOnlyWithImageDecodeException() {
        RgbImage photo = TestImages.photo(61, 43, 1);
        byte[][] files = {
            TestImages.jpeg(photo, 0.85f, 2, 2, 0, false), TestImages.jpeg(photo, 0.85f, 2, 1, 2, true),
            TestImages.fourChannelJpeg(30, 20, 2, 0.8f), TestImages.png(TestImages.toBufferedImage(photo), true),
            TestImages.png(TestImages.indexed(40, 30, 4, 3), false), TestImages.encode(TestImages.indexed(40, 30, 8, 4), "gif"),
            TestImages.encode(TestImages.toBufferedImage(photo), "bmp")};
        // The magic bytes of each file's format: JPEG FF D8 FF, PNG's 8, GIF87a/89a, BMP "BM".
        int[] signature = {3, 3, 3, 8, 8, 6, 2};
        int bmp = files.length - 1;
        int bmpPixels = littleEndianInt(files[bmp], 10); // the header's offset of the pixel array
        Random r = new Random(99);
        int failures = 0;
        int total = 0;
        int withoutSignature = 0;
        int bmpPixelEditsOnly = 0;
        for (int f = 0; f < files.length; f++) {
            byte[] file = files[f];
            for (int i = 0; i < 150; i++, total++) {
                byte[] damaged = file.clone();
                int edits = 1 + r.nextInt(4);
                int firstEdit = damaged.length;
                for (int e = 0; e < edits; e++) {
                    // Headers matter most: aim half of the edits at the first 200 bytes.
                    int at = r.nextBoolean() ? r.nextInt(Math.min(200, damaged.length)) : r.nextInt(damaged.length);
                    damaged[at] = (byte) r.nextInt(256);
                    firstEdit = Math.min(firstEdit, at);
                }
                if (r.nextInt(4) == 0) {
                    damaged = Arrays.copyOf(damaged, 1 + r.nextInt(damaged.length));
                }
                // Known outcomes: no magic bytes, no format; a BMP's pixel bytes are any colours.
                boolean mustFail = damaged.length < signature[f] || !Arrays.equals(damaged, 0, signature[f], file, 0, signature[f]);
                boolean mustDecode = f == bmp && damaged.length == file.length && firstEdit >= bmpPixels;
                withoutSignature += mustFail ? 1 : 0;
                bmpPixelEditsOnly += mustDecode ? 1 : 0;
                String what = "damaged " + ImageFormat.detect(file) + " #" + i;
                try {
                    RgbImage img = ImageDecoder.decode(damaged);
                    assertTrue(img.width() > 0 && img.height() > 0);
                    assertFalse(mustFail, what + " decoded without its format's signature");
                } catch (ImageDecodeException expected) {
                    failures++;
                    assertTrue(!expected.getMessage().isBlank());
                    assertFalse(mustDecode, what + " has only pixel bytes changed but was rejected: " + expected.getMessage());
                } catch (RuntimeException other) {
                    throw new AssertionError(what + " threw " + other, other);
                }
            }
        }
        System.out.printf("damaged files: %d of %d rejected with ImageDecodeException, the rest decoded%n", failures, total);
        // Both bounds must bite, or the count says nothing.
        assertTrue(withoutSignature > 0 && bmpPixelEditsOnly > 0, withoutSignature + " without signature, " + bmpPixelEditsOnly
                + " BMPs with pixel edits only");
        assertTrue(failures >= withoutSignature && failures <= total - bmpPixelEditsOnly,
                failures + " rejected, expected from " + withoutSignature + " to " + (total - bmpPixelEditsOnly));
    }

    private static int littleEndianInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
