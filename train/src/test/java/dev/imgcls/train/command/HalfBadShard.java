package dev.imgcls.train.command;

import dev.imgcls.data.example.ImageExampleBuilder;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.TFRecordWriter;
import dev.imgcls.train.demo.PatternDataset;
import dev.imgcls.train.demo.PatternImages;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** A TFRecord shard of four 16-pixel tf.Examples whose records 1 and 3 are not images. */
final class HalfBadShard {
    private HalfBadShard() {
    }

    static Path write(Path file) throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        try (OutputStream out = Files.newOutputStream(file); TFRecordWriter w = new TFRecordWriter(out, Compression.NONE)) {
            for (int i = 0; i < 4; i++) {
                byte[] image = i % 2 == 1 ? "not an image".getBytes(StandardCharsets.US_ASCII)
                        : PatternDataset.jpeg(PatternImages.draw(i, 16, random));
                w.write(new ImageExampleBuilder().encoded(image).label(i).toByteArray());
            }
            w.commit();
        }
        return file;
    }
}
