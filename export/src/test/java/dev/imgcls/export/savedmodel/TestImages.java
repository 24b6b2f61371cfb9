package dev.imgcls.export.savedmodel;

import dev.imgcls.data.preprocess.ImagePreprocessor;
import dev.imgcls.tensor.Tensor;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;

/** Encoded test images with content that differs from seed to seed (waves, a disc, noise). */
public final class TestImages {
    private TestImages() {
    }

    static BufferedImage rgb(int width, int height, long seed) {
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
    static byte[] encode(BufferedImage img, String format) {
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

    static byte[] jpeg(int width, int height, long seed) {
        return encode(rgb(width, height, seed), "jpg");
    }

    /** A grayscale PNG (decoders expand it to three equal channels). */
    static byte[] grayPng(int width, int height, long seed) {
        BufferedImage rgb = rgb(width, height, seed);
        BufferedImage gray = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        gray.getGraphics().drawImage(rgb, 0, 0, null);
        return encode(gray, "png");
    }

    /** Eval-preprocessed images as one NHWC batch, e.g. to calibrate batch-norm statistics. */
    public static Tensor preprocessedBatch(List<byte[]> images, int imageSize) {
        ImagePreprocessor pre = new ImagePreprocessor(imageSize);
        float[] pixels = new float[images.size() * pre.outputLength()];
        for (int i = 0; i < images.size(); i++) {
            pre.eval(images.get(i), pixels, i * pre.outputLength());
        }
        return Tensor.of(pixels, images.size(), imageSize, imageSize, 3);
    }

    /** Four PNGs unlike the test images, for calibrating a model's batch-norm statistics. */
    public static Tensor calibrationBatch(int imageSize) {
        return preprocessedBatch(List.of(png(96, 90, 101), png(130, 85, 102), png(70, 120, 103), png(210, 200, 104)), imageSize);
    }
}
