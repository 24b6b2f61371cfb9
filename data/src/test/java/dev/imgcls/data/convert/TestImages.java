package dev.imgcls.data.convert;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small generated images in the formats the converter meets. */
final class TestImages {

    private TestImages() {}

    static BufferedImage pattern(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, ((x * 37 + seed * 11) & 0xFF) << 16 | ((y * 23 + seed) & 0xFF) << 8 | ((x * y + seed * 7) & 0xFF));
            }
        }
        return image;
    }

    /** Encodes with ImageIO: "png", "jpg", "bmp" or "gif". */
    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, int width, int height, int seed, String format) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, encode(pattern(width, height, seed), format));
        return file;
    }
}
