package dev.imgcls.train.command;

import dev.imgcls.data.convert.ConvertOptions;
import dev.imgcls.data.pipeline.LabelBase;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** make-tfrecords' flags, read by the commands' one parser into data's {@link ConvertOptions}. */
class MakeTfRecordsCommandTest {
    private static ConvertOptions options(String... args) {
        return MakeTfRecordsCommand.options(CommandLine.read(args, MakeTfRecordsCommand.FLAGS, false));
    }

    private static String problems(String... args) {
        return String.join("\n", assertThrows(ArgumentException.class, () -> options(args)).problems());
    }

    @Test
    void theSeparateValueFormConvertsAFolder(@TempDir Path dir) throws IOException {
        for (String c : List.of("cat", "dog")) {
            for (int i = 0; i < 3; i++) {
                BufferedImage image = new BufferedImage(6, 5, BufferedImage.TYPE_INT_RGB);
                image.setRGB(i, 1, c.equals("cat") ? 0xff0000 : 0x00ff00);
                Path file = Files.createDirectories(dir.resolve("images").resolve(c)).resolve(i + ".png");
                ImageIO.write(image, "png", file.toFile());
            }
        }
        Path out = dir.resolve("out");
        CommandRun run = CommandRun.of("make-tfrecords", "--input_dir", dir.resolve("images").toString(), "--output_dir",
                out.toString(), "--validation_fraction", "0", "--threads", "2", "--overwrite");
        assertEquals(0, run.status(), run.toString());
        assertEquals(List.of("cat", "dog"), Files.readAllLines(out.resolve("labels.txt")));
        assertTrue(Files.isRegularFile(out.resolve("train-00000-of-00001.tfrec")), run.toString());
    }

    @Test
    void valuesAreTyped() {
        ConvertOptions o = options("--input_csv=list.csv", "--output_dir", "gs://b/out", "--label_base", "1",
                "--compression=gzip", "--train_shards=4", "--seed", "9", "--skip_bad_images");
        assertEquals("list.csv", o.inputCsv());
        assertEquals(LabelBase.ONE, o.labelBase());
        assertEquals(Compression.GZIP, o.compression());
        assertEquals(4, o.trainShards());
        assertEquals(9, o.seed());
        assertTrue(o.skipBadImages());
        assertFalse(o.overwrite());
        assertEquals(Runtime.getRuntime().availableProcessors(), o.threads(), "--threads=0, the default: every core");
    }

    @Test
    void badFlagsAreReportedTogetherBeforeAnyWork() {
        String all = problems("--input_dir=/a", "--output_dir=/x", "--shards=3", "--label_base=2", "--seed=x");
        for (String expected : List.of("unknown argument --shards; did you mean --train_shards or --validation_shards?",
                "--label_base '2' is not one of 0, 1", "--seed expects an integer, got 'x'")) {
            assertTrue(all.contains(expected), "'" + expected + "' in\n" + all);
        }
        assertTrue(problems("--input_dir=/a", "--output_dir=/x", "--split_name=train", "--validation_fraction=0.5")
                .contains("--split_name writes every image to one split; it cannot go with --validation_fraction"));
        assertTrue(problems("--output_dir=/x").contains("give exactly one of --input_dir and --input_csv"));
        assertTrue(problems("--input_dir=/a", "--output_dir=/x", "--validation_fraction=1.5")
                .contains("--validation_fraction must be in [0, 1]"));
        assertTrue(problems("--input_idx_images=i", "--input_idx_labels=l", "--output_dir=/x", "--class_names=a,,b")
                .contains("--class_names has an empty name"));
    }

    @Test
    void helpListsTheFlags() {
        CommandRun run = CommandRun.of("make-tfrecords", "--help");
        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().startsWith("usage: imgcls make-tfrecords"), run.out());
        for (String flag : List.of("--input_dir", "--input_csv", "--input_idx_images", "--output_dir", "--threads")) {
            assertTrue(run.out().contains(flag), flag);
        }
    }
}
