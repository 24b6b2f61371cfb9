package dev.imgcls.data.pipeline;

import dev.imgcls.data.example.ImageExampleBuilder;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.TFRecordWriter;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * TFRecord shards of small generated PNGs for pipeline tests. The image of record {@code i} of shard
 * {@code s} has red = i and green = s in every pixel, so any crop of it still tells where it came
 * from, and a blue gradient, so crops and flips change the pixels.
 */
final class TestShards {

    static final int WIDTH = 14;
    static final int HEIGHT = 11;

    /** The record a test wants at (shard, index): image bytes and stored label. */
    record Content(byte[] encoded, long label) {}

    interface RecordMaker {
        Content make(int shard, int index);
    }

    private TestShards() {}

    /** Shard file name {@code data-<s>-of-<n>.tfrec} in {@code dir}. */
    static Path path(Path dir, int shard, int shards) {
        return dir.resolve(String.format("data-%02d-of-%02d.tfrec", shard, shards));
    }

    /** Writes shards of tf.Examples; returns the glob pattern matching them. */
    static String write(Path dir, int shards, int perShard, RecordMaker maker) throws IOException {
        return write(dir, shards, perShard, maker, Compression.NONE);
    }

    static String write(Path dir, int shards, int perShard, RecordMaker maker, Compression compression) throws IOException {
        Files.createDirectories(dir);
        for (int s = 0; s < shards; s++) {
            try (OutputStream file = Files.newOutputStream(path(dir, s, shards));
                 TFRecordWriter writer = new TFRecordWriter(file, compression)) {
                for (int i = 0; i < perShard; i++) {
                    Content c = maker.make(s, i);
                    writer.write(new ImageExampleBuilder().encoded(c.encoded()).label(c.label()).toByteArray());
                }
                writer.commit();
            }
        }
        return dir.resolve("data-*").toString();
    }

    /** Identifying images labelled {@code shard % numClasses + base}. */
    static RecordMaker labelledByShard(int numClasses, int base) {
        return (s, i) -> new Content(png(s, i), s % numClasses + base);
    }

    static byte[] png(int shard, int index) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                image.setRGB(x, y, (index & 0xFF) << 16 | (shard & 0xFF) << 8 | (x * 16 + y * 3));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** (shard, index) of an output image, from the red and green of its first pixel. */
    static int[] identity(float[] images, int example, int imageSize) {
        int at = example * imageSize * imageSize * 3;
        return new int[] {(int) images[at + 1], (int) images[at]};
    }

    /** Byte offsets of each record's header in a shard written by {@link #write}. */
    static List<Long> recordOffsets(Path shard) throws IOException {
        byte[] bytes = Files.readAllBytes(shard);
        List<Long> offsets = new ArrayList<>();
        long at = 0;
        while (at < bytes.length) {
            offsets.add(at);
            long length = 0;
            for (int b = 7; b >= 0; b--) {
                length = length << 8 | (bytes[(int) at + b] & 0xFF);
            }
            at += 12 + length + 4;
        }
        return offsets;
    }
}
