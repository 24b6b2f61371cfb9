package dev.imgcls.data.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imgcls.data.image.CropWindow;
import dev.imgcls.data.image.TfOracle;
import dev.imgcls.tensor.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DistortedBoxSamplerTest {
    private final DistortedBoxSampler sampler = DistortedBoxSampler.reference();

    @Test
    void everyCropSatisfiesTheReferenceConstraints() {
        Random sizes = new Random(3);
        Generator g = new Generator(11);
        for (int image = 0; image < 300; image++) {
            int h = 16 + sizes.nextInt(1500);
            int w = 16 + sizes.nextInt(1500);
            for (int i = 0; i < 20; i++) {
                CropWindow c = sampler.sample(h, w, g);
                assertTrue(c.right() <= w && c.bottom() <= h, c + " outside " + w + "x" + h);
                if (c.width() == w && c.height() == h) {
                    continue; // the fallback (whole image); its rate is compared with TF's below
                }
                double area = (double) c.width() * c.height();
                assertTrue(area >= 0.1 * w * h - 1e-6, c + " covers less than 10% of " + w + "x" + h);
                // width = round(height * aspect): the ratio is within the range up to half a pixel.
                double slack = 0.5 / c.height();
                double ratio = (double) c.width() / c.height();
                assertTrue(ratio >= 0.75 - slack && ratio <= 4.0 / 3 + slack, c + " aspect " + ratio);
            }
        }
    }

    @Test
    void sameSeedSameCropsDifferentSeedDifferentCrops() {
        List<CropWindow> a = draws(new Generator(5));
        assertEquals(a, draws(new Generator(5)));
        assertNotEquals(a, draws(new Generator(6)));
    }

    @Test
    void impossibleConstraintsFallBackToTheWholeImage() {
        // One pixel tall: any crop within the aspect range is at most 1x1, far below 10% of the area.
        Generator g = new Generator(1);
        for (int i = 0; i < 50; i++) {
            assertEquals(CropWindow.full(1000, 1), sampler.sample(1, 1000, g));
        }
        // Tiny images never fail either way.
        for (int[] s : new int[][] {{1, 1}, {2, 3}, {3, 2}, {15, 15}}) {
            CropWindow c = sampler.sample(s[0], s[1], g);
            assertTrue(c.right() <= s[1] && c.bottom() <= s[0]);
        }
    }

    @Test
    void distributionMatchesTfSampleDistortedBoundingBox() {
        assumeTrue(TfOracle.available(), "TensorFlow runtime not available on this platform");
        // A photo shape, and an elongated one where the narrow side limits the crops (and some fall back).
        compareWithTf(375, 500, 4000);
        compareWithTf(900, 110, 3000);
    }

    private void compareWithTf(int h, int w, int n) {
        TfOracle tf = TfOracle.get();
        Stats ours = new Stats();
        Stats theirs = new Stats();
        Generator g = new Generator(2024);
        for (int i = 0; i < n; i++) {
            CropWindow c = sampler.sample(h, w, g);
            ours.add(c.width(), c.height(), c.x(), w, h);
            int[] t = tf.sampleDistortedBox(h, w);
            theirs.add(t[3], t[2], t[1], w, h);
        }
        System.out.printf("crop statistics (ours vs TF, %d draws on %dx%d): area %.4f vs %.4f, aspect %.4f vs %.4f, "
                + "fallback %.4f vs %.4f, x %.2f vs %.2f%n", n, w, h, ours.mean(0), theirs.mean(0), ours.mean(1),
                theirs.mean(1), ours.mean(2), theirs.mean(2), ours.mean(3), theirs.mean(3));
        for (int k = 0; k < 4; k++) {
            double se = Math.sqrt(ours.variance(k) / n + theirs.variance(k) / n);
            assertTrue(Math.abs(ours.mean(k) - theirs.mean(k)) <= 5 * se + 1e-9,
                    "statistic " + k + ": " + ours.mean(k) + " vs TF " + theirs.mean(k) + " (se " + se + ")");
        }
    }

    @Test
    void aLargerMinimumAreaIsRespectedOnSmallPictures() {
        DistortedBoxSampler half = DistortedBoxSampler.withMinArea(0.5f);
        Generator g = new Generator(19);
        int smallest = Integer.MAX_VALUE;
        int fallbacks = 0;
        for (int i = 0; i < 2000; i++) {
            CropWindow c = half.sample(28, 28, g);
            assertTrue(c.right() <= 28 && c.bottom() <= 28, c.toString());
            smallest = Math.min(smallest, c.width() * c.height());
            fallbacks += c.width() == 28 && c.height() == 28 ? 1 : 0;
        }
        assertTrue(smallest >= 392, "a crop of " + smallest + " pixels, under half of 28x28");
        // Crops still vary: down to near the minimum, and not mostly the fallback.
        assertTrue(smallest <= 420, "smallest crop " + smallest);
        assertTrue(fallbacks < 200, fallbacks + " of 2000 fell back to the whole picture");
        // The reference's range does go below half.
        int referenceSmallest = Integer.MAX_VALUE;
        for (int i = 0; i < 2000; i++) {
            CropWindow c = sampler.sample(28, 28, g);
            referenceSmallest = Math.min(referenceSmallest, c.width() * c.height());
        }
        assertTrue(referenceSmallest < 200, "reference smallest crop " + referenceSmallest);
    }

    @Test
    void minimumAreaOneMeansTheWholePicture() {
        DistortedBoxSampler whole = DistortedBoxSampler.withMinArea(1f);
        Generator g = new Generator(23);
        for (int i = 0; i < 200; i++) {
            assertEquals(CropWindow.full(28, 28), whole.sample(28, 28, g));
            assertEquals(CropWindow.full(20, 28), whole.sample(28, 20, g));
        }
    }

    @Test
    void invalidParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DistortedBoxSampler(0.1f, 2f, 1f, 0.08f, 1f, 10));
        assertThrows(IllegalArgumentException.class, () -> new DistortedBoxSampler(0.1f, 0.75f, 1.33f, 0.08f, 1.5f, 10));
        assertThrows(IllegalArgumentException.class, () -> new DistortedBoxSampler(0.1f, 0.75f, 1.33f, 0.08f, 1f, 0));
        assertThrows(IllegalArgumentException.class, () -> sampler.sample(0, 5, new Generator(1)));
    }

    @Test
    void uniformIsInRangeAndCoversIt() {
        Generator g = new Generator(9);
        int[] counts = new int[7];
        for (int i = 0; i < 7000; i++) {
            counts[DistortedBoxSampler.uniform(g, 7)]++;
        }
        for (int c : counts) {
            assertTrue(c > 850 && c < 1150, "uneven: " + java.util.Arrays.toString(counts));
        }
    }

    private List<CropWindow> draws(Generator g) {
        List<CropWindow> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            out.add(sampler.sample(240, 320, g));
        }
        return out;
    }

    /** Running sums of area fraction, aspect ratio, fallback indicator and x offset. */
    private static final class Stats {
        private final double[] sum = new double[4];
        private final double[] sumSq = new double[4];
        private int n;

        void add(int cw, int ch, int x, int w, int h) {
            double[] v = {(double) cw * ch / ((double) w * h), (double) cw / ch, cw == w && ch == h ? 1 : 0, x};
            for (int k = 0; k < 4; k++) {
                sum[k] += v[k];
                sumSq[k] += v[k] * v[k];
            }
            n++;
        }

        double mean(int k) {
            return sum[k] / n;
        }

        double variance(int k) {
            double m = mean(k);
            return Math.max(0, sumSq[k] / n - m * m);
        }
    }
}
