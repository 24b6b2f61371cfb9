package dev.imgcls.data.pipeline;

import dev.imgcls.tensor.Generator;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the real preprocessing in pipeline tests: ImageIO decoding, a random square crop
 * and flip drawn from the example's generator (training) or a centre crop (eval), nearest-neighbour
 * resize. With {@code maxSleepMillis > 0} each call first sleeps a random time that does not come
 * from any seed, so that workers finish in a different order on every run.
 */
final class NearestNeighbourPreprocessor implements ExamplePreprocessor {

    private final int imageSize;
    private final int maxSleepMillis;
    final AtomicInteger calls = new AtomicInteger();

    NearestNeighbourPreprocessor(int imageSize, int maxSleepMillis) {
        this.imageSize = imageSize;
        this.maxSleepMillis = maxSleepMillis;
    }

    @Override
    public int imageSize() {
        return imageSize;
    }

    @Override
    public void train(byte[] encoded, Generator random, float[] out, int offset) throws UndecodableImageException {
        BufferedImage image = decode(encoded);
        int side = Math.min(image.getWidth(), image.getHeight());
        int crop = side / 2 + ExampleSeeds.below(random, side - side / 2 + 1);
        int x0 = ExampleSeeds.below(random, image.getWidth() - crop + 1);
        int y0 = ExampleSeeds.below(random, image.getHeight() - crop + 1);
        boolean flip = random.nextFloat() < 0.5f;
        resize(image, x0, y0, crop, flip, out, offset);
    }

    @Override
    public void eval(byte[] encoded, float[] out, int offset) throws UndecodableImageException {
        BufferedImage image = decode(encoded);
        int side = Math.min(image.getWidth(), image.getHeight());
        resize(image, (image.getWidth() - side) / 2, (image.getHeight() - side) / 2, side, false, out, offset);
    }

    private BufferedImage decode(byte[] encoded) throws UndecodableImageException {
        calls.incrementAndGet();
        jitter();
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(encoded));
            if (image == null) {
                throw new UndecodableImageException("not an image format ImageIO knows (" + encoded.length + " bytes)");
            }
            return image;
        } catch (IOException e) {
            throw new UndecodableImageException("ImageIO cannot decode it: " + e.getMessage(), e);
        }
    }

    private void resize(BufferedImage image, int x0, int y0, int crop, boolean flip, float[] out, int offset) {
        int at = offset;
        for (int y = 0; y < imageSize; y++) {
            int sy = y0 + y * crop / imageSize;
            for (int x = 0; x < imageSize; x++) {
                int sx = x0 + (flip ? imageSize - 1 - x : x) * crop / imageSize;
                int rgb = image.getRGB(sx, sy);
                out[at++] = (rgb >> 16) & 0xFF;
                out[at++] = (rgb >> 8) & 0xFF;
                out[at++] = rgb & 0xFF;
            }
        }
    }

    private void jitter() {
        if (maxSleepMillis > 0) {
            try {
                Thread.sleep(ThreadLocalRandom.current().nextInt(maxSleepMillis + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the pipeline is closing
            }
        }
    }
}
