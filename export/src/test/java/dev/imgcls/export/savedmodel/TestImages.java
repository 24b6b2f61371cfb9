package dev.imgcls.export.savedmodel;

import dev.imgcls.tensor.Tensor;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/** Encoded test images with content that differs from seed to seed (waves, a disc, noise); public for the trainer's tests. */
public final class TestImages {
    private TestImages() {
    }

    public static BufferedImage rgb(int width, int height, long seed) {
        Random r = new Random(seed);
        double fx = 0.02 + 0.2 * r.nextDouble();
        double fy = 0.02 + 0.2 * r.nextDouble();
        int[] base = {r.nextInt(256), r.nextInt(256), r.nextInt(256)};
        int[] disc = {r.nextInt(256), r.nextInt(256), r.nextInt(256)};
        double cx = width * r.nextDouble();
        double cy = height * r.nextDouble();
        double radius = Math.min(width, height) * (0.15 + 0.3 * r.nextDouble());
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean inside = (x - cx) * (x - cx) + (y - cy) * (y - cy) < radius * radius;
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    double wave = 60 * Math.sin(fx * x * (c + 1) + fy * y + c);
                    int v = (int) ((inside ? disc[c] : base[c]) * 0.7 + wave + r.nextInt(24));
                    rgb = (rgb << 8) | Math.max(0, Math.min(255, v));
                }
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    /** The image in {@code format} (png, jpg, gif, bmp) as ImageIO writes it (JPEG: quality 0.75, 4:2:0 chroma). */
    public static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] png(int width, int height, long seed) {
        return encode(rgb(width, height, seed), "png");
    }

    public static byte[] jpeg(int width, int height, long seed) {
        return encode(rgb(width, height, seed), "jpg");
    }

    /** A grayscale PNG (decoders expand it to three equal channels). */
    public static byte[] grayPng(int width, int height, long seed) {
        BufferedImage rgb = rgb(width, height, seed);
        BufferedImage gray = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        gray.getGraphics().drawImage(rgb, 0, 0, null);
        return encode(gray, "png");
    }

    /** Four images unlike the test images, for calibrating a model's batch-norm statistics. */
    public static Tensor calibrationBatch(int imageSize) {
        return scaledBatch(new int[][] {{96, 90}, {130, 85}, {70, 120}, {210, 200}}, 101, imageSize);
    }

    /**
     * Images of the given {width, height} (seeds from {@code firstSeed} on), centre-cropped and
     * scaled to {@code imageSize} as float 0..255 NHWC pixels. Java2D's bicubic scaling, not data's
     * eval preprocessing (export does not depend on data): model tests need plausible pixels, not
     * bit-exact ones.
     */
    public static Tensor scaledBatch(int[][] sizes, long firstSeed, int imageSize) {
        int per = imageSize * imageSize * 3;
        float[] pixels = new float[sizes.length * per];
        for (int i = 0; i < sizes.length; i++) {
            BufferedImage source = rgb(sizes[i][0], sizes[i][1], firstSeed + i);
            int side = Math.min(source.getWidth(), source.getHeight());
            int left = (source.getWidth() - side) / 2;
            int top = (source.getHeight() - side) / 2;
            BufferedImage scaled = new BufferedImage(imageSize, imageSize, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scaled.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(source, 0, 0, imageSize, imageSize, left, top, left + side, top + side, null);
            g.dispose();
            int at = i * per;
            for (int y = 0; y < imageSize; y++) {
                for (int x = 0; x < imageSize; x++) {
                    int rgb = scaled.getRGB(x, y);
                    pixels[at++] = (rgb >> 16) & 0xFF;
                    pixels[at++] = (rgb >> 8) & 0xFF;
                    pixels[at++] = rgb & 0xFF;
                }
            }
        }
        return Tensor.of(pixels, sizes.length, imageSize, imageSize, 3);
    }
}
