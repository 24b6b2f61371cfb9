package dev.imgcls.train.faults;

import dev.imgcls.data.example.ImageExampleBuilder;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.TFRecord;
import dev.imgcls.data.tfrecord.TFRecordReader;
import dev.imgcls.data.tfrecord.TFRecordWriter;
import dev.imgcls.train.demo.PatternDataset;
import dev.imgcls.train.demo.PatternImages;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * Training data broken in each way users' data breaks: a copy of the good training shards with
 * the first one replaced by a damaged version. Good records follow a bad one, so the job gets
 * past its start before it meets it.
 */
final class CorruptData {
    /** The kinds of damage, in the order the full suite runs them; the small suite runs {@link #SMALL}. */
    enum Kind {
        BAD_CRC("TFRecord with a corrupt record (CRC mismatch)"),
        TRUNCATED("TFRecord cut short"),
        NOT_A_TFRECORD("foreign file (a JPEG) matched as a TFRecord"),
        FOREIGN_RECORDS("TFRecord of records that are not image tf.Examples"),
        BAD_LABEL("label out of range (7 of 3 classes)"),
        UNDECODABLE("undecodable image bytes"),
        BOMB("decompression bomb (PNG declaring 50000x50000)");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    static final List<Kind> SMALL = List.of(Kind.BAD_CRC, Kind.BOMB);
    /** The damaged shard's name, which the error must name. */
    static final String DAMAGED = "train-00000-of-00002";

    private CorruptData() {
    }

    /** Writes the damaged data set under {@code dir}; returns its training pattern. */
    static String write(Kind kind, Path goodDir, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (var list = Files.list(goodDir)) {
            for (Path p : list.filter(p -> p.getFileName().toString().startsWith("train-")).toList()) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        Path shard = dir.resolve(DAMAGED);
        byte[] good = Files.readAllBytes(shard);
        switch (kind) {
            case BAD_CRC -> Files.write(shard, flipInFirstRecord(good));
            case TRUNCATED -> Files.write(shard, Arrays.copyOf(good, good.length * 2 / 3));
            case NOT_A_TFRECORD -> Files.write(shard, PatternDataset.jpeg(PatternImages.draw(1, 32, new SplittableRandom(3))));
            case FOREIGN_RECORDS -> rewrite(shard, "{\"text\": \"a line of some other data set\"}".getBytes(StandardCharsets.UTF_8));
            case BAD_LABEL -> rewrite(shard, example(PatternDataset.jpeg(PatternImages.draw(0, 32, new SplittableRandom(4))), 7));
            case UNDECODABLE -> rewrite(shard, example(randomBytes(300), 1));
            case BOMB -> rewrite(shard, example(pngBomb(50_000), 1));
            default -> throw new IllegalArgumentException(kind.name());
        }
        return dir.resolve("train-*").toString();
    }

    /** One bit of the first record's payload flipped: its data CRC no longer matches. */
    private static byte[] flipInFirstRecord(byte[] shard) {
        long length = ByteBuffer.wrap(shard, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] copy = shard.clone();
        copy[12 + (int) (length / 2)] ^= 0x10;
        return copy;
    }

    /** The shard with {@code bad} as its first record, its good records after. */
    private static void rewrite(Path shard, byte[] bad) throws IOException {
        List<byte[]> records = new java.util.ArrayList<>();
        try (TFRecordReader reader = TFRecordReader.open(shard.toString(), Compression.NONE)) {
            for (TFRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r.payload());
            }
        }
        Files.delete(shard);
        try (TFRecordWriter writer = TFRecordWriter.create(shard.toString(), Compression.NONE)) {
            writer.write(bad);
            for (byte[] r : records) {
                writer.write(r);
            }
            writer.commit();
        }
    }

    private static byte[] example(byte[] encoded, long label) {
        return new ImageExampleBuilder().encoded(encoded).label(label).format("JPEG").height(32).width(32).channels(3)
                .filename("bad.jpg").toByteArray();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SplittableRandom(9).nextBytes(b);
        return b;
    }

    /** A valid 1×1 PNG whose header is rewritten to declare {@code side}×{@code side} pixels (CRC fixed). */
    static byte[] pngBomb(int side) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", bytes);
        byte[] png = bytes.toByteArray();
        // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4), ... , CRC over type + 13 data bytes.
        ByteBuffer b = ByteBuffer.wrap(png);
        b.putInt(16, side);
        b.putInt(20, side);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        b.putInt(29, (int) crc.getValue());
        return png;
    }
}
