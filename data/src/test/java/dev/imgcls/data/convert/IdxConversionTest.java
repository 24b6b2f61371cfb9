package dev.imgcls.data.convert;

import dev.imgcls.data.example.ImageExampleParser;
import dev.imgcls.data.example.ImageFeatureKeys;
import dev.imgcls.data.image.ImageDecoder;
import dev.imgcls.data.image.RgbImage;
import dev.imgcls.data.pipeline.LabelBase;
import dev.imgcls.data.proto.Example;
import dev.imgcls.data.proto.Feature;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.TFRecord;
import dev.imgcls.data.tfrecord.TFRecordReader;
import dev.imgcls.io.FileSystems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** make-tfrecords on generated IDX files: every record decodes back to its IDX pixels, with its IDX label. */
class IdxConversionTest {

    private static final String FASHION = "T-shirt/top,Trouser,Pullover,Dress,Coat,Sandal,Shirt,Sneaker,Bag,Ankle boot";
    private static final int ROWS = 28;
    private static final int COLS = 28;

    @TempDir
    Path tmp;

    /** A generated IDX pair. */
    private record Idx(Path images, Path labels, byte[] pixels, byte[] labelValues) {}

    /** One converted record, as read back. */
    private record Converted(String file, long label, String filename, RgbImage image, Map<String, Feature> features) {}

    /** Pixel values covering 0..255, different in every image and position. */
    private static int pixel(int image, int y, int x) {
        return (image * 31 + y * 9 + x * 5 + x * y) & 0xFF;
    }

    private static byte[] imagesFile(int count, byte[] pixels) {
        byte[] b = new byte[16 + pixels.length];
        putInt(b, 0, IdxFiles.IMAGES_MAGIC);
        putInt(b, 4, count);
        putInt(b, 8, ROWS);
        putInt(b, 12, COLS);
        System.arraycopy(pixels, 0, b, 16, pixels.length);
        return b;
    }

    private static byte[] labelsFile(byte[] labels) {
        byte[] b = new byte[8 + labels.length];
        putInt(b, 0, IdxFiles.LABELS_MAGIC);
        putInt(b, 4, labels.length);
        System.arraycopy(labels, 0, b, 8, labels.length);
        return b;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** {@code count} images with labels 0..9 in a scrambled order, written gzipped or plain. */
    private Idx idx(String prefix, int count, boolean gzip) throws IOException {
        byte[] pixels = new byte[count * ROWS * COLS];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) ((i * 7 + 3) % 10);
            for (int y = 0; y < ROWS; y++) {
                for (int x = 0; x < COLS; x++) {
                    pixels[(i * ROWS + y) * COLS + x] = (byte) pixel(i, y, x);
                }
            }
        }
        String suffix = gzip ? ".gz" : "";
        Path imagesPath = tmp.resolve(prefix + "-images-idx3-ubyte" + suffix);
        Path labelsPath = tmp.resolve(prefix + "-labels-idx1-ubyte" + suffix);
        Files.write(imagesPath, gzip ? gzip(imagesFile(count, pixels)) : imagesFile(count, pixels));
        Files.write(labelsPath, gzip ? gzip(labelsFile(labels)) : labelsFile(labels));
        return new Idx(imagesPath, labelsPath, pixels, labels);
    }

    private static String run(int expectedCode, ConvertOptions.Builder options) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = MakeTfRecords.run(options.build(), new PrintStream(err, true, StandardCharsets.UTF_8));
        String messages = err.toString(StandardCharsets.UTF_8);
        assertEquals(expectedCode, code, messages);
        return messages;
    }

    private static List<Converted> readAll(Path dir, String glob) throws IOException {
        FileSystems fs = FileSystems.defaults();
        String pattern = dir.resolve(glob).toString();
        List<Converted> out = new ArrayList<>();
        for (String file : fs.resolve(pattern).glob(pattern)) {
            try (TFRecordReader reader = TFRecordReader.open(fs.resolve(file), file, Compression.NONE)) {
                for (TFRecord r; (r = reader.next()) != null; ) {
                    Example e = ImageExampleParser.parseExample(r.payload(), r.location());
                    Map<String, Feature> f = e.getFeatures().getFeatureMap();
                    RgbImage image = ImageDecoder.decode(ImageExampleParser.parse(r).encoded());
                    out.add(new Converted(file, ImageExampleParser.parse(r).label(), text(f, ImageFeatureKeys.FILENAME), image, f));
                }
            }
        }
        return out;
    }

    private static String text(Map<String, Feature> features, String key) {
        return features.get(key).getBytesList().getValue(0).toString(StandardCharsets.UTF_8);
    }

    private static long number(Map<String, Feature> features, String key) {
        return features.get(key).getInt64List().getValue(0);
    }

    /** Each record is its IDX image (R = G = B = the IDX byte) with its IDX label plus {@code base}; each image once. */
    private static void assertMatchesIdx(List<Converted> records, Idx idx, String prefix, int base, List<String> classNames) {
        Set<Integer> seen = new HashSet<>();
        for (Converted c : records) {
            assertTrue(c.filename.matches(prefix + "-idx-\\d{5}\\.png"), c.filename);
            int index = Integer.parseInt(c.filename.substring(prefix.length() + 5, prefix.length() + 10));
            assertTrue(seen.add(index), "image written twice: " + c.filename);
            assertEquals(idx.labelValues[index] + base, c.label, c.filename);
            assertEquals(classNames.get(idx.labelValues[index]), text(c.features, ImageFeatureKeys.SYNSET));
            assertEquals("PNG", text(c.features, ImageFeatureKeys.FORMAT));
            assertEquals("GRAYSCALE", text(c.features, ImageFeatureKeys.COLORSPACE));
            assertEquals(1, number(c.features, ImageFeatureKeys.CHANNELS));
            assertEquals(ROWS, number(c.features, ImageFeatureKeys.HEIGHT));
            assertEquals(COLS, number(c.features, ImageFeatureKeys.WIDTH));
            assertEquals(COLS, c.image.width());
            assertEquals(ROWS, c.image.height());
            for (int y = 0; y < ROWS; y++) {
                for (int x = 0; x < COLS; x++) {
                    int expected = idx.pixels[(index * ROWS + y) * COLS + x] & 0xFF;
                    for (int ch = 0; ch < 3; ch++) {
                        assertEquals(expected, c.image.get(x, y, ch), c.filename + " pixel (" + x + "," + y + ") channel " + ch);
                    }
                }
            }
        }
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Set<String> names = new HashSet<>();
            files.forEach(p -> names.add(p.getFileName().toString()));
            return names;
        }
    }

    @Test
    void gzippedPairSplitsIntoTrainAndValidationWithNamedClasses() throws IOException {
        Idx train = idx("train", 50, true);
        Path out = tmp.resolve("out");
        run(0, ConvertOptions.builder(out.toString()).inputIdxImages(train.images.toString())
                .inputIdxLabels(train.labels.toString()).classNames(List.of(FASHION.split(","))).validationFraction(0.2)
                .trainShards(2).threads(3));
        assertEquals(Set.of("train-00000-of-00002.tfrec", "train-00001-of-00002.tfrec", "validation-00000-of-00001.tfrec",
                "labels.txt"), names(out));
        List<String> classNames = Arrays.asList(FASHION.split(","));
        assertEquals(classNames, Files.readAllLines(out.resolve("labels.txt")));
        List<Converted> trainRecords = readAll(out, "train-*");
        List<Converted> validation = readAll(out, "validation-*");
        // 5 images of each class; round(0.2 x 5) = 1 of each in validation.
        assertEquals(10, validation.size());
        assertEquals(10, validation.stream().map(c -> c.label).distinct().count());
        assertEquals(40, trainRecords.size());
        List<Converted> all = new ArrayList<>(trainRecords);
        all.addAll(validation);
        assertMatchesIdx(all, train, "train", 0, classNames);
        assertEquals(50, all.stream().map(c -> c.filename).distinct().count());
    }

    @Test
    void plainTestSetBecomesValidationBesideTheTrainingSet() throws IOException {
        Idx train = idx("train", 50, true);
        Idx test = idx("t10k", 20, false);
        Path out = tmp.resolve("out");
        run(0, ConvertOptions.builder(out.toString()).inputIdxImages(train.images.toString())
                .inputIdxLabels(train.labels.toString()).classNames(List.of(FASHION.split(","))).validationFraction(0)
                .labelBase(LabelBase.ONE));
        byte[] trainShard = Files.readAllBytes(out.resolve("train-00000-of-00001.tfrec"));
        run(0, ConvertOptions.builder(out.toString()).inputIdxImages(test.images.toString())
                .inputIdxLabels(test.labels.toString()).classNames(List.of(FASHION.split(","))).splitName("validation")
                .labelBase(LabelBase.ONE));
        assertEquals(Set.of("train-00000-of-00001.tfrec", "validation-00000-of-00001.tfrec", "labels.txt"), names(out));
        assertArrayEquals(trainShard, Files.readAllBytes(out.resolve("train-00000-of-00001.tfrec")), "the training shard is kept");
        List<String> classNames = Arrays.asList(FASHION.split(","));
        assertEquals(classNames, Files.readAllLines(out.resolve("labels.txt")));
        List<Converted> validation = readAll(out, "validation-*");
        assertEquals(20, validation.size());
        assertMatchesIdx(validation, test, "t10k", 1, classNames);
        assertMatchesIdx(readAll(out, "train-*"), train, "train", 1, classNames);

        // Other class names would replace labels.txt under the training shards: refused without --overwrite.
        String refused = run(1, ConvertOptions.builder(out.toString()).inputIdxImages(test.images.toString())
                .inputIdxLabels(test.labels.toString()).splitName("validation").overwrite(false));
        assertTrue(refused.contains("refusing to overwrite"), refused);
    }

    @Test
    void withoutClassNamesTheIdsNameTheClasses() throws IOException {
        Idx train = idx("train", 30, false);
        Path out = tmp.resolve("out");
        run(0, ConvertOptions.builder(out.toString()).inputIdxImages(train.images.toString())
                .inputIdxLabels(train.labels.toString()).splitName("train"));
        assertEquals(Set.of("train-00000-of-00001.tfrec", "labels.txt"), names(out));
        List<String> ids = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertEquals(ids, Files.readAllLines(out.resolve("labels.txt")));
        assertMatchesIdx(readAll(out, "train-*"), train, "train", 0, ids);
    }

    @Test
    void swappedFilesAreRejectedByMagicNumber() throws IOException {
        Idx train = idx("train", 10, true);
        String message = run(1, ConvertOptions.builder(tmp.resolve("out").toString()).inputIdxImages(train.labels.toString())
                .inputIdxLabels(train.images.toString()));
        assertTrue(message.contains(train.labels.toString()) && message.contains("magic number 0x00000801, expected 0x00000803"),
                message);
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        Idx images = idx("a", 12, false);
        Idx labels = idx("b", 11, true);
        String message = run(1, ConvertOptions.builder(tmp.resolve("out").toString())
                .inputIdxImages(images.images.toString()).inputIdxLabels(labels.labels.toString()));
        assertTrue(message.contains("12 images") && message.contains("11 labels") && message.contains(labels.labels.toString()),
                message);
    }

    @Test
    void truncatedFilesAreReportedPlainAndGzipped() throws IOException {
        Idx plain = idx("plain", 10, false);
        byte[] bytes = Files.readAllBytes(plain.images);
        Files.write(plain.images, Arrays.copyOf(bytes, bytes.length - 100));
        String message = run(1, ConvertOptions.builder(tmp.resolve("out").toString()).inputIdxImages(plain.images.toString())
                .inputIdxLabels(plain.labels.toString()));
        assertTrue(message.contains(plain.images.toString()) && message.contains("truncated"), message);

        Idx gz = idx("gz", 10, true);
        byte[] labelsGz = Files.readAllBytes(gz.labels);
        Files.write(gz.labels, Arrays.copyOf(labelsGz, labelsGz.length / 2));
        message = run(1, ConvertOptions.builder(tmp.resolve("out").toString()).inputIdxImages(gz.images.toString())
                .inputIdxLabels(gz.labels.toString()));
        assertTrue(message.contains(gz.labels.toString()) && message.contains("truncated"), message);

        Files.write(gz.labels, new byte[] {0, 0, 8});
        message = run(1, ConvertOptions.builder(tmp.resolve("out").toString()).inputIdxImages(gz.images.toString())
                .inputIdxLabels(gz.labels.toString()));
        assertTrue(message.contains(gz.labels.toString()) && message.contains("too short for a header"), message);
    }

    @Test
    void labelsBeyondTheClassNamesAndMisusedFlagsAreErrors() throws IOException {
        Idx train = idx("train", 20, false);
        String message = run(1, ConvertOptions.builder(tmp.resolve("out").toString()).inputIdxImages(train.images.toString())
                .inputIdxLabels(train.labels.toString()).classNames(List.of("a", "b", "c")));
        assertTrue(message.contains("label 9") && message.contains("3 classes"), message);

        String out = tmp.resolve("out").toString();
        String images = train.images.toString();
        String labels = train.labels.toString();
        assertRefused("--input_idx_labels", ConvertOptions.builder(out).inputIdxImages(images));
        assertRefused("train or validation", ConvertOptions.builder(out).inputIdxImages(images).inputIdxLabels(labels)
                .splitName("test"));
        assertRefused("--class_names", ConvertOptions.builder(out).inputDir(tmp.toString()).classNames(List.of("a", "b")));
    }

    private static void assertRefused(String fragment, ConvertOptions.Builder options) {
        String message = assertThrows(IllegalArgumentException.class, options::build).getMessage();
        assertTrue(message.contains(fragment), message);
    }
}
