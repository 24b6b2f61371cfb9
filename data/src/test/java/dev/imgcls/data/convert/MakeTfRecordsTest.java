package dev.imgcls.data.convert;

import dev.imgcls.data.example.ImageFeatureKeys;
import dev.imgcls.data.example.ImageExampleParser;
import dev.imgcls.data.pipeline.InputPipeline;
import dev.imgcls.data.pipeline.LabelBase;
import dev.imgcls.data.proto.Example;
import dev.imgcls.data.proto.Feature;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.TFRecord;
import dev.imgcls.data.tfrecord.TFRecordReader;
import dev.imgcls.io.FakeGcs;
import dev.imgcls.io.FileSystems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** make-tfrecords end to end on generated images: files the pipeline's reader accepts, with the right labels. */
class MakeTfRecordsTest {

    @TempDir
    Path tmp;

    /** One converted record, as read back. */
    private record Converted(String file, long label, String synset, String filename, String format, long width, long height,
                             byte[] encoded) {}

    /** Classes emu (5 images), cat (7), dog (6) in PNG, JPEG and BMP, of different sizes; plus a README at the root. */
    private Path imageFolder() throws IOException {
        Path root = tmp.resolve("images");
        String[] formats = {"png", "jpg", "bmp"};
        Map<String, Integer> classes = Map.of("emu", 5, "cat", 7, "dog", 6);
        int seed = 0;
        for (Map.Entry<String, Integer> c : classes.entrySet()) {
            for (int i = 0; i < c.getValue(); i++) {
                String format = formats[(seed++) % 3];
                String sub = i == 0 ? "nested/" : "";
                TestImages.write(root.resolve(c.getKey()).resolve(sub + "img" + i + "." + format), 10 + i, 8 + seed % 5, seed, format);
            }
        }
        Files.writeString(root.resolve("README"), "not an image");
        Files.writeString(root.resolve("dog").resolve("notes.txt"), "not an image either");
        Files.createDirectories(root.resolve(".hidden"));
        return root;
    }

    private static String runExpectingFailure(int code, ConvertOptions.Builder options) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(code, MakeTfRecords.run(options.build(), new PrintStream(err, true, StandardCharsets.UTF_8)));
        return err.toString(StandardCharsets.UTF_8);
    }

    private static void runOk(ConvertOptions.Builder options) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = MakeTfRecords.run(options.build(), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    }

    private static List<Converted> readAll(FileSystems fs, String pattern, Compression compression) throws IOException {
        List<Converted> out = new ArrayList<>();
        for (String file : fs.resolve(pattern).glob(pattern)) {
            try (TFRecordReader reader = TFRecordReader.open(fs.resolve(file), file, compression)) {
                for (TFRecord r; (r = reader.next()) != null; ) {
                    Example e = ImageExampleParser.parseExample(r.payload(), r.location());
                    Map<String, Feature> f = e.getFeatures().getFeatureMap();
                    assertEquals(3, f.get(ImageFeatureKeys.CHANNELS).getInt64List().getValue(0));
                    assertEquals("RGB", text(f, ImageFeatureKeys.COLORSPACE));
                    out.add(new Converted(file, ImageExampleParser.parse(r).label(), text(f, ImageFeatureKeys.SYNSET),
                            text(f, ImageFeatureKeys.FILENAME), text(f, ImageFeatureKeys.FORMAT),
                            f.get(ImageFeatureKeys.WIDTH).getInt64List().getValue(0),
                            f.get(ImageFeatureKeys.HEIGHT).getInt64List().getValue(0),
                            ImageExampleParser.parse(r).encoded()));
                }
            }
        }
        return out;
    }

    private static String text(Map<String, Feature> features, String key) {
        return features.get(key).getBytesList().getValue(0).toString(StandardCharsets.UTF_8);
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Set<String> names = new HashSet<>();
            files.forEach(p -> names.add(p.getFileName().toString()));
            return names;
        }
    }

    @Test
    void folderOfClassFoldersBecomesShardsAndALabelMap() throws IOException {
        Path images = imageFolder();
        Path out = tmp.resolve("out");
        runOk(ConvertOptions.builder(out.toString()).inputDir(images.toString()).validationFraction(0.34).trainShards(2)
                .validationShards(1));
        assertEquals(Set.of("train-00000-of-00002.tfrec", "train-00001-of-00002.tfrec", "validation-00000-of-00001.tfrec",
                "labels.txt"), names(out));
        List<String> labels = Files.readAllLines(out.resolve("labels.txt"));
        assertEquals(List.of("cat", "dog", "emu"), labels);

        FileSystems fs = FileSystems.defaults();
        List<Converted> train = readAll(fs, out.resolve("train-*").toString(), Compression.NONE);
        List<Converted> validation = readAll(fs, out.resolve("validation-*").toString(), Compression.NONE);
        assertEquals(18, train.size() + validation.size());
        // Stratified: round(0.34 x 7, 6, 5) = 2 + 2 + 2 images of cat, dog, emu.
        Map<String, Integer> validationPerClass = new HashMap<>();
        validation.forEach(c -> validationPerClass.merge(c.synset, 1, Integer::sum));
        assertEquals(Map.of("cat", 2, "dog", 2, "emu", 2), validationPerClass);

        Set<String> seen = new HashSet<>();
        for (Converted c : concat(train, validation)) {
            assertTrue(seen.add(c.filename), "image written twice: " + c.filename);
            String classFolder = c.filename.substring(0, c.filename.indexOf('/'));
            assertEquals(classFolder, c.synset);
            assertEquals(classFolder, labels.get((int) c.label)); // 0-based: label k is line k+1
            byte[] original = Files.readAllBytes(images.resolve(c.filename));
            if (c.filename.endsWith(".bmp")) {
                assertEquals("PNG", c.format);
                assertFalse(Arrays.equals(original, c.encoded));
            } else {
                assertEquals(c.filename.endsWith(".png") ? "PNG" : "JPEG", c.format);
                assertArrayEquals(original, c.encoded);
            }
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(c.encoded));
            assertEquals(decoded.getWidth(), c.width);
            assertEquals(decoded.getHeight(), c.height);
        }
        assertTrue(seen.contains("dog/nested/img0.jpg") || seen.contains("dog/nested/img0.png") || seen.contains("dog/nested/img0.bmp"),
                "images in sub-folders of a class folder are included: " + seen);
        assertEquals(18, InputPipeline.countRecords(List.of(out.resolve("*.tfrec").toString()), Compression.NONE));
    }

    private static List<Converted> concat(List<Converted> a, List<Converted> b) {
        List<Converted> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void sameSeedWritesIdenticalFilesAndOtherSeedsShuffleDifferently() throws IOException {
        Path images = imageFolder();
        runOk(ConvertOptions.builder(tmp.resolve("a").toString()).inputDir(images.toString()).seed(5).threads(3));
        runOk(ConvertOptions.builder(tmp.resolve("b").toString()).inputDir(images.toString()).seed(5).threads(1));
        runOk(ConvertOptions.builder(tmp.resolve("c").toString()).inputDir(images.toString()).seed(6));
        String shard = "train-00000-of-00001.tfrec";
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(shard)), Files.readAllBytes(tmp.resolve("b").resolve(shard)));
        assertFalse(Arrays.equals(Files.readAllBytes(tmp.resolve("a").resolve(shard)),
                Files.readAllBytes(tmp.resolve("c").resolve(shard))));
    }

    @Test
    void oneBasedLabelsAndGzip() throws IOException {
        Path out = tmp.resolve("out");
        runOk(ConvertOptions.builder(out.toString()).inputDir(imageFolder().toString()).labelBase(LabelBase.ONE)
                .compression(Compression.GZIP).validationFraction(0));
        assertEquals(Set.of("train-00000-of-00001.tfrec", "labels.txt"), names(out));
        List<String> labels = Files.readAllLines(out.resolve("labels.txt"));
        List<Converted> all = readAll(FileSystems.defaults(), out.resolve("train-*").toString(), Compression.GZIP);
        assertEquals(18, all.size());
        Set<Long> values = new HashSet<>();
        for (Converted c : all) {
            values.add(c.label);
            assertEquals(c.synset, labels.get((int) c.label - 1));
        }
        assertEquals(Set.of(1L, 2L, 3L), values);
        byte[] head = Files.readAllBytes(out.resolve("train-00000-of-00001.tfrec"));
        assertEquals(0x1F, head[0] & 0xFF);
        assertEquals(0x8B, head[1] & 0xFF);
    }

    @Test
    void existingOutputIsNotOverwrittenWithoutTheFlag() throws IOException {
        Path images = imageFolder();
        Path out = tmp.resolve("out");
        runOk(ConvertOptions.builder(out.toString()).inputDir(images.toString()).seed(1));
        byte[] before = Files.readAllBytes(out.resolve("train-00000-of-00001.tfrec"));
        String err = runExpectingFailure(1, ConvertOptions.builder(out.toString()).inputDir(images.toString()).seed(2));
        assertTrue(err.contains("refusing to overwrite 3 existing file(s)"), err);
        assertTrue(err.contains("pass --overwrite"), err);
        assertArrayEquals(before, Files.readAllBytes(out.resolve("train-00000-of-00001.tfrec")));

        runOk(ConvertOptions.builder(out.toString()).inputDir(images.toString()).seed(2).overwrite(true));
        assertFalse(Arrays.equals(before, Files.readAllBytes(out.resolve("train-00000-of-00001.tfrec"))));

        // Other shard counts would leave the old shards beside the new ones: refused even with --overwrite.
        err = runExpectingFailure(1, ConvertOptions.builder(out.toString()).inputDir(images.toString()).trainShards(3)
                .overwrite(true));
        assertTrue(err.contains("shard(s) of an earlier conversion"), err);
        assertTrue(err.contains("train-00000-of-00001.tfrec"), err);
    }

    @Test
    void csvWithClassNamesRelativePathsHeaderAndComments() throws IOException {
        Path dir = tmp.resolve("csvdata");
        TestImages.write(dir.resolve("pics/a.png"), 9, 9, 1, "png");
        TestImages.write(dir.resolve("pics/b, with comma.jpg"), 12, 7, 2, "jpg");
        TestImages.write(dir.resolve("pics/c.png"), 5, 6, 3, "png");
        Path absolute = TestImages.write(tmp.resolve("elsewhere/d.png"), 7, 7, 4, "png");
        Path csv = dir.resolve("list.csv");
        Files.writeString(csv, "path,label\n# comment\npics/a.png,zebra\n\npics/b, with comma.jpg, ant\npics/c.png,zebra\n"
                + absolute + ",ant\n");
        Path out = tmp.resolve("out");
        runOk(ConvertOptions.builder(out.toString()).inputCsv(csv.toString()).validationFraction(0));
        assertEquals(List.of("ant", "zebra"), Files.readAllLines(out.resolve("labels.txt")));
        Map<String, Long> labelOf = new HashMap<>();
        for (Converted c : readAll(FileSystems.defaults(), out.resolve("train-*").toString(), Compression.NONE)) {
            labelOf.put(c.filename, c.label);
        }
        assertEquals(Map.of("pics/a.png", 1L, "pics/b, with comma.jpg", 0L, "pics/c.png", 1L, absolute.toString(), 0L), labelOf);
    }

    @Test
    void csvWithIntegerLabelsWritesThemUnchanged() throws IOException {
        Path dir = tmp.resolve("csvdata");
        StringBuilder csv = new StringBuilder();
        int[] labels = {1, 3, 3, 1, 2, 3};
        for (int i = 0; i < labels.length; i++) {
            TestImages.write(dir.resolve("i" + i + ".png"), 6, 6, i, "png");
            csv.append("i").append(i).append(".png,").append(labels[i]).append('\n');
        }
        Files.writeString(dir.resolve("list.csv"), csv);
        Path out = tmp.resolve("out");
        runOk(ConvertOptions.builder(out.toString()).inputCsv(dir.resolve("list.csv").toString()).labelBase(LabelBase.ONE)
                .validationFraction(0));
        assertEquals(List.of("1", "2", "3"), Files.readAllLines(out.resolve("labels.txt")));
        for (Converted c : readAll(FileSystems.defaults(), out.resolve("train-*").toString(), Compression.NONE)) {
            int i = Integer.parseInt(c.filename.substring(1, c.filename.indexOf('.')));
            assertEquals(labels[i], c.label);
            assertEquals(Integer.toString(labels[i]), c.synset);
        }
        // Label 0 does not fit --label_base=1: the line is named, with the hint.
        Files.writeString(dir.resolve("zero.csv"), "i0.png,1\ni1.png,0\n");
        String err = runExpectingFailure(1, ConvertOptions.builder(tmp.resolve("z").toString())
                .inputCsv(dir.resolve("zero.csv").toString()).labelBase(LabelBase.ONE));
        assertTrue(err.contains("zero.csv line 2: label 0 is below 1"), err);
        assertTrue(err.contains("labels look 0-based: pass --label_base=0"), err);
    }

    @Test
    void badCsvLinesAreNamedByNumber() throws IOException {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "a.png,cat\nb.png,dog\njust-a-path.png\n");
        String err = runExpectingFailure(1, ConvertOptions.builder(tmp.resolve("out").toString()).inputCsv(csv.toString()));
        assertTrue(err.contains("bad.csv line 3: expected 'path,label', got 'just-a-path.png'"), err);
        Files.writeString(csv, "a.png,cat\n,dog\n");
        err = runExpectingFailure(1, ConvertOptions.builder(tmp.resolve("out").toString()).inputCsv(csv.toString()));
        assertTrue(err.contains("bad.csv line 2"), err);
    }

    @Test
    void unreadableImageIsNamedAndNothingIsLeftBehind() throws IOException {
        Path images = imageFolder();
        Path bad = images.resolve("emu").resolve("broken.jpg");
        Files.writeString(bad, "this is not a JPEG");
        Path out = tmp.resolve("out");
        // Several shards, so some are finished before the broken image is reached.
        String err = runExpectingFailure(1, ConvertOptions.builder(out.toString()).inputDir(images.toString()).trainShards(8)
                .threads(2));
        assertTrue(err.contains("cannot read image " + bad), err);
        // (With seed 0 the broken image comes after several finished shards, which are removed again.)
        assertTrue(err.matches("(?s).*deleted the [1-9]\\d* file\\(s\\) this run had finished.*"), err);
        assertTrue(!Files.exists(out) || names(out).isEmpty(), "left behind: " + (Files.exists(out) ? names(out) : Set.of()));

        Files.delete(bad);
        Path csv = tmp.resolve("missing.csv");
        Files.writeString(csv, images.resolve("cat/img1.jpg") + ",cat\n" + images.resolve("cat/gone.png") + ",dog\n");
        err = runExpectingFailure(1, ConvertOptions.builder(out.toString()).inputCsv(csv.toString()));
        assertTrue(err.contains("cannot read image " + images.resolve("cat/gone.png") + ": no such file"), err);
    }

    @Test
    void emptyClassFolderAndSingleClassAreRefused() throws IOException {
        Path images = imageFolder();
        Files.createDirectories(images.resolve("fox"));
        Files.writeString(images.resolve("fox").resolve("readme.txt"), "no images here");
        String err = runExpectingFailure(1, ConvertOptions.builder(tmp.resolve("out").toString()).inputDir(images.toString()));
        assertTrue(err.contains("class folder " + images.resolve("fox") + " has no images"), err);

        Path single = tmp.resolve("single");
        TestImages.write(single.resolve("only/a.png"), 4, 4, 1, "png");
        err = runExpectingFailure(1, ConvertOptions.builder(tmp.resolve("out").toString()).inputDir(single.toString()));
        assertTrue(err.contains("has images of 1 class [only]; a classifier needs at least 2"), err);
    }

    @Test
    void optionsThatCannotWorkTogetherAreRefusedBeforeAnyWork() {
        // The flags themselves are parsed by the training jar's make-tfrecords command (MakeTfRecordsCommandTest).
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConvertOptions.builder("/x").build()).getMessage()
                .contains("give exactly one of --input_dir and --input_csv"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConvertOptions.builder("/x").inputDir("/a")
                .validationFraction(1.5).build()).getMessage().contains("--validation_fraction must be in [0, 1]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConvertOptions.builder(null).inputDir("/a").build())
                .getMessage().contains("--output_dir is required"));
    }

    @Test
    void writesToCloudStorage() throws IOException {
        try (FakeGcs gcs = FakeGcs.start("bucket")) {
            // The CSV and the images are on Cloud Storage too, as with Google's jpeg_to_tf_record.py.
            StringBuilder csv = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                gcs.put("bucket", "raw/img" + i + ".png", TestImages.encode(TestImages.pattern(5 + i, 5, i), "png"));
                csv.append("img").append(i).append(".png,").append(i % 2 == 0 ? "even" : "odd").append('\n');
            }
            gcs.put("bucket", "raw/list.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            ConvertOptions options = new ConvertOptions(null, "gs://bucket/raw/list.csv", "gs://bucket/records", 0.5, 0, 0, 3,
                    LabelBase.ZERO, Compression.NONE, false, 2, 5);
            DatasetConverter.Result result = new DatasetConverter(gcs.fileSystems(), new PrintStream(log), System::nanoTime)
                    .convert(options);
            // round(0.5 x 3) = 2 of each class's 3 images go to validation.
            assertEquals(2, result.trainImages());
            assertEquals(4, result.validationImages());
            assertEquals(List.of("records/labels.txt", "records/train-00000-of-00001.tfrec", "records/validation-00000-of-00001.tfrec"),
                    gcs.objectNames("bucket").stream().filter(n -> n.startsWith("records/")).toList());
            List<Converted> all = readAll(gcs.fileSystems(), "gs://bucket/records/*.tfrec", Compression.NONE);
            assertEquals(6, all.size());
            for (Converted c : all) {
                int i = Integer.parseInt(c.filename.substring(3, 4));
                assertEquals(i % 2 == 0 ? 0 : 1, c.label); // labels.txt: even, odd
            }
            ConversionException again = assertThrows(ConversionException.class,
                    () -> new DatasetConverter(gcs.fileSystems(), new PrintStream(log), System::nanoTime).convert(options));
            assertTrue(again.getMessage().contains("refusing to overwrite"), again.getMessage());
        }
    }
}
