package dev.imgcls.train.report;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A small encoded picture of one preprocessed image (HWC floats of 0..255 pixels, as the model
 * sees it): at most {@value #MAX_SIDE} pixels a side; PNG up to {@value #PNG_UP_TO} pixels (small
 * pictures stay sharp and tiny), JPEG above.
 *
 * @param mimeType {@code image/png} or {@code image/jpeg}
 */
public record Thumbnail(String mimeType, byte[] bytes, int width, int height) {
    static final int MAX_SIDE = 128;
    static final int PNG_UP_TO = 64;

    /** The image at {@code offset} of {@code pixels}: {@code size x size x 3}, row-major, RGB. */
    public static Thumbnail of(float[] pixels, int offset, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = offset + (y * size + x) * 3;
                image.setRGB(x, y, channel(pixels[i]) << 16 | channel(pixels[i + 1]) << 8 | channel(pixels[i + 2]));
            }
        }
        if (size > MAX_SIDE) {
            BufferedImage smaller = new BufferedImage(MAX_SIDE, MAX_SIDE, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = smaller.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, MAX_SIDE, MAX_SIDE, null);
            g.dispose();
            image = smaller;
        }
        String format = image.getWidth() <= PNG_UP_TO ? "png" : "jpeg";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("this Java runtime has no " + format + " image writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a memory stream does not fail
        }
        return new Thumbnail("image/" + format, out.toByteArray(), image.getWidth(), image.getHeight());
    }

    /** Bicubic resizing overshoots a little below 0 and above 255. */
    private static int channel(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }
}
