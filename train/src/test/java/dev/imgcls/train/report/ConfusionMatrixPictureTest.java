package dev.imgcls.train.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The confusion matrix picture decodes as a PNG of the size laid out, and its cells get darker as
 * their counts grow. {@code -Dconfusion.png=/tmp/confusion.png} also writes the 5-class picture
 * there, to look at.
 */
class ConfusionMatrixPictureTest {
    static final List<String> NAMES = List.of("horizontal-stripes", "vertical-stripes", "checks", "dots", "diagonal-stripes");

    @TempDir
    Path tmp;

    /** Five classes, counts from 0 to 40: the diagonal strong, a few confusions of different sizes. */
    static EvaluationReport fiveClasses() {
        long[][] counts = {
            {40, 3, 0, 1, 0},
            {5, 31, 0, 0, 2},
            {0, 0, 36, 9, 0},
            {0, 1, 12, 25, 0},
            {0, 7, 0, 0, 19},
        };
        ConfusionMatrix m = new ConfusionMatrix(5);
        for (int a = 0; a < 5; a++) {
            for (int p = 0; p < 5; p++) {
                for (long i = 0; i < counts[a][p]; i++) {
                    m.add(a, p);
                }
            }
        }
        return new EvaluationReport(OptionalLong.of(1200), "resnet-18 on data/validation-*", ClassNames.of(NAMES, 5, "test"), m,
                (double) m.correct() / m.total(), 0.98, List.of());
    }

    @Test
    void decodesAtTheLaidOutSizeWithDarkerCellsForLargerCounts() throws IOException {
        EvaluationReport report = fiveClasses();
        ConfusionMatrixPicture picture = ConfusionMatrixPicture.of(report);
        byte[] png = picture.png();
        String wanted = System.getProperty("confusion.png");
        if (wanted != null) {
            Files.write(Path.of(wanted), png);
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "not a PNG ImageIO reads");
        assertEquals(picture.width(), image.getWidth());
        assertEquals(picture.height(), image.getHeight());
        assertTrue(image.getWidth() >= 5 * 14 && image.getWidth() < 2000, "width " + image.getWidth());

        // Every cell, by count: the luminance at a corner (away from the written count) must fall as the count grows.
        List<long[]> cells = new ArrayList<>();
        for (int a = 0; a < 5; a++) {
            for (int p = 0; p < 5; p++) {
                cells.add(new long[] {report.confusion().count(a, p), a, p});
            }
        }
        cells.sort(Comparator.comparingLong(c -> c[0]));
        double previous = Double.POSITIVE_INFINITY;
        long previousCount = -1;
        for (long[] c : cells) {
            Rectangle r = picture.cellBounds((int) c[1], (int) c[2]);
            double y = luminance(image.getRGB(r.x + 1, r.y + 1));
            if (c[0] == previousCount) {
                assertEquals(previous, y, 1e-9, "equal counts, equal colours");
            } else {
                assertTrue(y < previous, "count " + c[0] + " at (" + c[1] + ", " + c[2] + ") is not darker than count " + previousCount);
            }
            previous = y;
            previousCount = c[0];
        }
        Rectangle zero = picture.cellBounds(0, 2);
        assertEquals(0xFFFFFF, image.getRGB(zero.x + 1, zero.y + 1) & 0xFFFFFF, "a count of 0 is white");
    }

    @Test
    void manyClassesGetSmallCellsWithoutNames() throws IOException {
        ConfusionMatrix m = new ConfusionMatrix(120);
        for (int c = 0; c < 120; c++) {
            m.add(c, c);
            m.add(c, (c + 1) % 120);
            m.add(c, c);
        }
        EvaluationReport report = new EvaluationReport(OptionalLong.empty(), "x", ClassNames.ids(120), m, 2.0 / 3, 1, List.of());
        ConfusionMatrixPicture picture = ConfusionMatrixPicture.of(report);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(picture.png()));
        assertEquals(picture.width(), image.getWidth());
        assertTrue(image.getWidth() < 1400 && image.getHeight() < 1400, image.getWidth() + "x" + image.getHeight());
        Rectangle diagonal = picture.cellBounds(7, 7);
        Rectangle off = picture.cellBounds(7, 8);
        Rectangle empty = picture.cellBounds(7, 30);
        assertTrue(luminance(image.getRGB(diagonal.x, diagonal.y)) < luminance(image.getRGB(off.x, off.y)));
        assertTrue(luminance(image.getRGB(off.x, off.y)) < luminance(image.getRGB(empty.x, empty.y)));
    }

    @Test
    void reportFilesAreWrittenIntoAFolder() throws IOException {
        ReportFiles.render(fiveClasses()).writeTo(tmp.resolve("out").toString(), dev.imgcls.io.FileSystems.defaults());
        for (String name : List.of(ReportFiles.REPORT_JSON, ReportFiles.PER_CLASS_CSV, ReportFiles.CONFUSION_MATRIX_CSV,
                ReportFiles.CONFUSION_MATRIX_PNG, ReportFiles.WORST_HTML)) {
            assertTrue(Files.size(tmp.resolve("out").resolve(name)) > 0, name);
        }
    }

    @Test
    void colourBarTicksAreRoundCountsAndTheLargest() {
        assertEquals(List.of(0L), ConfusionMatrixPicture.ticks(0));
        assertEquals(List.of(0L, 1L, 2L, 3L), ConfusionMatrixPicture.ticks(3));
        assertEquals(List.of(0L, 10L, 20L, 30L, 40L), ConfusionMatrixPicture.ticks(40));
        assertEquals(List.of(0L, 50L, 100L, 150L, 229L), ConfusionMatrixPicture.ticks(229));
        assertEquals(List.of(0L, 2000L, 4000L, 6000L, 9000L), ConfusionMatrixPicture.ticks(9000));
        assertEquals(List.of(0L, 2L, 4L, 6L, 8L, 11L), ConfusionMatrixPicture.ticks(11));
    }

    static double luminance(int rgb) {
        return 0.299 * (rgb >> 16 & 0xFF) + 0.587 * (rgb >> 8 & 0xFF) + 0.114 * (rgb & 0xFF);
    }
}
