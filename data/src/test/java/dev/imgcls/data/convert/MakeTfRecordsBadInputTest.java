package dev.imgcls.data.convert;

import dev.imgcls.data.example.ImageExampleParser;
import dev.imgcls.data.proto.Example;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.TFRecord;
import dev.imgcls.data.tfrecord.TFRecordReader;
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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** make-tfrecords on images it cannot use: skipped and listed with --skip_bad_images, else one plain error line. */
class MakeTfRecordsBadInputTest {

    @TempDir
    Path tmp;

    private record Run(int status, String err) {}

    private static Run run(ConvertOptions.Builder options) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = MakeTfRecords.run(options.build(), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, err.toString(StandardCharsets.UTF_8));
    }

    /** Two classes of four good PNGs each, plus a text file and a PNG cut off inside its header, both named as images. */
    private Path folderWithTwoBadImages() throws IOException {
        Path root = tmp.resolve("images");
        for (String c : List.of("cat", "dog")) {
            for (int i = 0; i < 4; i++) {
                TestImages.write(root.resolve(c).resolve("img" + i + ".png"), 12, 10, i + (c.equals("cat") ? 0 : 10), "png");
            }
        }
        Files.writeString(root.resolve("cat/broken.jpg"), "this is not a JPEG");
        byte[] png = Files.readAllBytes(root.resolve("dog/img0.png"));
        Files.write(root.resolve("dog/cut.png"), Arrays.copyOf(png, 12));
        return root;
    }

    /** The image/filename of every record in the folder's shards. */
    private static List<String> filenames(Path out) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path shard : files.filter(p -> p.getFileName().toString().endsWith(".tfrec")).toList()) {
                try (TFRecordReader reader = TFRecordReader.open(shard.toString(), Compression.NONE)) {
                    for (TFRecord r = reader.next(); r != null; r = reader.next()) {
                        Example e = ImageExampleParser.parseExample(r.payload(), r.location());
                        names.add(e.getFeatures().getFeatureMap().get("image/filename").getBytesList().getValue(0).toStringUtf8());
                    }
                }
            }
        }
        return names;
    }

    private static void assertNoJava(String text) {
        for (String java : List.of("Exception", "java.", "nio.")) {
            assertFalse(text.contains(java), "'" + java + "' in\n" + text);
        }
    }

    @Test
    void skipBadImagesLeavesThemOutListsEachAndSucceeds() throws IOException {
        Path images = folderWithTwoBadImages();
        Path out = tmp.resolve("out");
        Run run = run(ConvertOptions.builder(out.toString()).inputDir(images.toString()).validationFraction(0.2)
                .skipBadImages(true).threads(2));
        assertEquals(0, run.status(), run.err());
        assertTrue(run.err().contains("make-tfrecords: skipped " + images.resolve("cat/broken.jpg")
                + ": not a JPEG, PNG, GIF, BMP, TIFF or WBMP file (18 bytes)\n"), run.err());
        assertTrue(run.err().contains("make-tfrecords: skipped " + images.resolve("dog/cut.png") + ": "), run.err());
        assertTrue(run.err().contains("make-tfrecords: skipped 2 images that could not be read or decoded"), run.err());
        Matcher wrote = Pattern.compile("wrote (\\d+) training and (\\d+) validation images").matcher(run.err());
        assertTrue(wrote.find(), run.err());
        assertEquals(8, Integer.parseInt(wrote.group(1)) + Integer.parseInt(wrote.group(2)), "the summary counts the images written");
        List<String> written = filenames(out);
        assertEquals(8, written.size(), written.toString());
        assertFalse(written.contains("cat/broken.jpg"), written.toString());
        assertFalse(written.contains("dog/cut.png"), written.toString());
        assertNoJava(run.err());
    }

    @Test
    void missingCsvImageIsSkippedAsNoSuchFile() throws IOException {
        Path images = folderWithTwoBadImages();
        Path csv = tmp.resolve("list.csv");
        Files.writeString(csv, "images/cat/img0.png,cat\nimages/cat/img1.png,cat\nimages/dog/img0.png,dog\nimages/dog/gone.png,dog\n"
                + "images/dog/img1.png,dog\n");
        Run run = run(ConvertOptions.builder(tmp.resolve("out").toString()).inputCsv(csv.toString()).validationFraction(0)
                .skipBadImages(true));
        assertEquals(0, run.status(), run.err());
        assertTrue(run.err().contains("make-tfrecords: skipped " + images.resolve("dog/gone.png") + ": no such file\n"), run.err());
        assertTrue(run.err().contains("skipped 1 image that could not be read"), run.err());
        assertEquals(4, filenames(tmp.resolve("out")).size());
    }

    @Test
    void withoutTheFlagABadImageStopsTheConversionNamingItAndTheFlag() throws IOException {
        Path images = folderWithTwoBadImages();
        Run run = run(ConvertOptions.builder(tmp.resolve("out").toString()).inputDir(images.toString()).threads(1));
        assertEquals(1, run.status(), run.err());
        String error = run.err().lines().filter(l -> l.startsWith("make-tfrecords: error: ")).findFirst().orElseThrow();
        assertTrue(error.contains("cannot read image " + images), error);
        assertTrue(error.endsWith("; pass --skip_bad_images to leave out such images (each is listed)"), error);
        assertNoJava(run.err());
    }

    @Test
    void missingInputFileSaysNoSuchFile() {
        Path missing = tmp.resolve("afile.csv");
        Run run = run(ConvertOptions.builder(tmp.resolve("out").toString()).inputCsv(missing.toString()));
        assertEquals(1, run.status(), run.err());
        assertEquals("make-tfrecords: error: " + missing + ": no such file\n", run.err());
        assertNoJava(run.err());
    }

    @Test
    void outputDirThatIsAFileIsNamed() throws IOException {
        Path images = folderWithTwoBadImages();
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        Run run = run(ConvertOptions.builder(file.toString()).inputDir(images.toString()).skipBadImages(true));
        assertEquals(1, run.status(), run.err());
        assertTrue(run.err().contains("make-tfrecords: error: --output_dir=" + file + " is a file, not a folder; choose another --output_dir"),
                run.err());
        assertNoJava(run.err());
    }
}
