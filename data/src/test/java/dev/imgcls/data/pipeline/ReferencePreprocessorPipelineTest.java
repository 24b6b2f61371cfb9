package dev.imgcls.data.pipeline;

import dev.imgcls.data.preprocess.ImagePreprocessor;
import dev.imgcls.data.preprocess.ReferenceExamplePreprocessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pipeline with the real decoder and the reference preprocessing, on JPEG shards. */
class ReferencePreprocessorPipelineTest {
    private static final int SIZE = 32;

    @TempDir
    Path dir;

    @Test
    void trainingBatchesFromJpegShardsAreDeterministicAndInRange() throws IOException {
        String pattern = TestShards.write(dir, 3, 8, (s, i) -> new TestShards.Content(jpeg(40 + 7 * i, 30 + 5 * s, i), (s + i) % 4));
        float[] first = firstBatch(pattern);
        assertArrayEquals(first, firstBatch(pattern), "same seed, same batch");
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float v : first) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        // Bicubic overshoot is not clamped (as TF), so allow a little outside [0, 255].
        assertTrue(min > -40 && max < 295 && max - min > 50, "pixel range " + min + ".." + max);
    }

    @Test
    void truncatedJpegDeepInAShardIsReportedWithFileAndRecord() throws IOException {
        String pattern = TestShards.write(dir, 2, 10, (s, i) -> {
            byte[] ok = jpeg(48, 36, i);
            return new TestShards.Content(s == 1 && i == 7 ? Arrays.copyOf(ok, ok.length / 3) : ok, i % 4);
        });
        PipelineConfig config = PipelineConfig.builder(java.util.List.of(pattern), 4, 4).seed(1).numEvalImages(0).build();
        try (InputPipeline p = InputPipeline.evaluation(config, new ReferenceExamplePreprocessor(new ImagePreprocessor(SIZE)))) {
            InputPipelineException e = assertThrows(InputPipelineException.class, () -> {
                while (p.next() != null) {
                    // drain until the bad record
                }
            });
            assertTrue(e.getMessage().contains("record 7"), e.getMessage());
            assertEquals(TestShards.path(dir, 1, 2).toString(), e.location().source());
            assertInstanceOf(UndecodableImageException.class, e.getCause().getCause());
        }
    }

    private float[] firstBatch(String pattern) throws IOException {
        PipelineConfig config = PipelineConfig.builder(java.util.List.of(pattern), 6, 4).seed(42).workers(2).build();
        try (InputPipeline p = InputPipeline.training(config, new ReferenceExamplePreprocessor(new ImagePreprocessor(SIZE)))) {
            Batch b = p.next();
            assertArrayEquals(new int[] {6, SIZE, SIZE, 3}, b.images().dims());
            return b.images().toFloatArray();
        }
    }

    private static byte[] jpeg(int w, int h, int seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(20 * seed % 255, 90, 200));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.YELLOW);
        g.fillOval(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
