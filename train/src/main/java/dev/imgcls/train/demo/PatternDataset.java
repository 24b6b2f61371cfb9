package dev.imgcls.train.demo;

import dev.imgcls.data.example.ImageExampleBuilder;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.TFRecordWriter;
import dev.imgcls.io.FileSystems;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a labelled data set of {@link PatternImages} as the trainer reads it: JPEG-encoded
 * tf.Examples in TFRecord shards {@code train-0000i-of-0000n} and {@code validation-…}, labels
 * 0-based, class names in {@code labels.txt} — the layout {@code make-tfrecords} produces.
 */
public final class PatternDataset {
    private static final float JPEG_QUALITY = 0.9f;

    private PatternDataset() {
    }

    /** Where a written data set is: the patterns to pass as {@code --training_data_path} and {@code --validation_data_path}. */
    public record Written(String trainingPattern, String validationPattern, int numClasses) {
    }

    /** All {@link PatternImages#CLASSES}. */
    public static Written write(Path directory, int imagesPerClass, int pixels, int shards, long seed) throws IOException {
        return write(directory, PatternImages.CLASSES.size(), imagesPerClass, pixels, shards, seed);
    }

    /**
     * @param classes how many of {@link PatternImages#CLASSES}, from the first
     * @param imagesPerClass training images per class; validation gets a quarter as many (at least 2)
     * @param pixels the side of each picture
     */
    public static Written write(Path directory, int classes, int imagesPerClass, int pixels, int shards, long seed) throws IOException {
        if (classes < 2 || classes > PatternImages.CLASSES.size()) {
            throw new IllegalArgumentException("classes must be in [2, " + PatternImages.CLASSES.size() + "], got " + classes);
        }
        Files.createDirectories(directory);
        SplittableRandom random = new SplittableRandom(seed);
        writeSplit(directory, "train", classes, imagesPerClass, pixels, shards, random);
        writeSplit(directory, "validation", classes, Math.max(2, imagesPerClass / 4), pixels, shards, random);
        Files.writeString(directory.resolve("labels.txt"), String.join("\n", PatternImages.CLASSES.subList(0, classes)) + "\n",
                StandardCharsets.UTF_8);
        return new Written(directory.resolve("train-*").toString(), directory.resolve("validation-*").toString(), classes);
    }

    /** The classes in turn, so every shard holds every class. */
    private static void writeSplit(Path directory, String split, int classes, int perClass, int pixels, int shards,
                                   SplittableRandom random) throws IOException {
        int total = perClass * classes;
        TFRecordWriter[] writers = new TFRecordWriter[shards];
        try {
            for (int s = 0; s < shards; s++) {
                String name = String.format("%s-%05d-of-%05d", split, s, shards);
                writers[s] = TFRecordWriter.create(FileSystems.join(directory.toString(), name), Compression.NONE);
            }
            for (int i = 0; i < total; i++) {
                int label = i % classes;
                byte[] jpeg = jpeg(PatternImages.draw(label, pixels, random));
                writers[i % shards].write(new ImageExampleBuilder().encoded(jpeg).label(label).format("JPEG")
                        .classText(PatternImages.CLASSES.get(label)).height(pixels).width(pixels).channels(3)
                        .filename(split + "/" + i + ".jpg").toByteArray());
            }
            for (TFRecordWriter w : writers) {
                w.commit();
            }
        } finally {
            for (TFRecordWriter w : writers) {
                if (w != null) {
                    w.close();
                }
            }
        }
    }

    /** Baseline JPEG at a fixed quality, the kind of file users' data sets hold. */
    public static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
