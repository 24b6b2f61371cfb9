package dev.imgcls.nn;

import dev.imgcls.nn.models.EfficientNetParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ParameterCountTest {
    /** The counts for ResNet (they include the reference's group-1 projection) and B0. */
    @ParameterizedTest
    @CsvSource({
            "resnet-18, 11693736", "resnet-34, 21801896", "resnet-50, 25557032", "resnet-101, 44549160",
            "resnet-152, 60192808", "resnet-200, 64673832", "efficientnet-b0, 5288548",
            // B1…B7: the counts published for the reference EfficientNets (1000 classes), which the
            // independent table arithmetic below reproduces as well.
            "efficientnet-b1, 7794184", "efficientnet-b2, 9109994", "efficientnet-b3, 12233232",
            "efficientnet-b4, 19341616", "efficientnet-b5, 30389784", "efficientnet-b6, 43040704",
            "efficientnet-b7, 66347960"})
    void trainableParametersAtThousandClasses(String modelType, long expected) {
        assertEquals(expected, ModelFactory.create(modelType, 1000, 1).trainableParameterCount(), modelType);
    }

    /**
     * Counts B0…B7 from the seed spec's table (stem, stage output widths, repeats, head) with
     * nothing but arithmetic, independently of the model code and its rounding helpers.
     */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "efficientnet-b0; 32; 16,24,40,80,112,192,320; 1,2,2,3,3,4,1; 1280",
            "efficientnet-b1; 32; 16,24,40,80,112,192,320; 2,3,3,4,4,5,2; 1280",
            "efficientnet-b2; 32; 16,24,48,88,120,208,352; 2,3,3,4,4,5,2; 1408",
            "efficientnet-b3; 40; 24,32,48,96,136,232,384; 2,3,3,5,5,6,2; 1536",
            "efficientnet-b4; 48; 24,32,56,112,160,272,448; 2,4,4,6,6,8,2; 1792",
            "efficientnet-b5; 48; 24,40,64,128,176,304,512; 3,5,5,7,7,9,3; 2048",
            "efficientnet-b6; 56; 32,40,72,144,200,344,576; 3,6,6,8,8,11,3; 2304",
            "efficientnet-b7; 64; 32,48,80,160,224,384,640; 4,7,7,10,10,13,4; 2560"})
    void efficientNetCountMatchesTheSpecTable(String modelType, int stem, String outs, String repeats, int head) {
        int[] out = parse(outs);
        int[] rep = parse(repeats);
        int[] kernel = {3, 3, 5, 3, 5, 5, 3};
        int[] expand = {1, 6, 6, 6, 6, 6, 6};
        long n = 27L * stem + 2L * stem; // stem conv 3×3×3×stem + BN gamma/beta
        int in = stem;
        for (int s = 0; s < 7; s++) {
            for (int r = 0; r < rep[s]; r++) {
                int blockIn = r == 0 ? in : out[s];
                int wide = blockIn * expand[s];
                int se = Math.max(1, blockIn / 4);
                if (expand[s] != 1) {
                    n += (long) blockIn * wide + 2L * wide;
                }
                n += (long) kernel[s] * kernel[s] * wide + 2L * wide;         // depthwise + BN
                n += (long) wide * se + se + (long) se * wide + wide;         // SE convs with biases
                n += (long) wide * out[s] + 2L * out[s];                      // project + BN
            }
            in = out[s];
        }
        n += (long) in * head + 2L * head + (long) head * 1000 + 1000;
        assertEquals(n, ModelFactory.create(modelType, 1000, 1).trainableParameterCount(), modelType);
        EfficientNetParams p = EfficientNetParams.of(modelType);
        assertEquals(stem, p.stemFilters());
        assertEquals(head, p.headFilters());
    }

    @Test
    void headFollowsNumClasses() {
        Model m = ModelFactory.create("resnet-18", 7, 1);
        assertEquals(dev.imgcls.tensor.Shape.of(512, 7), m.variable("dense/kernel").shape());
        assertEquals(11693736 - 513 * 1000 + 513 * 7, m.trainableParameterCount());
    }

    private static int[] parse(String csv) {
        String[] parts = csv.split(",");
        int[] r = new int[parts.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Integer.parseInt(parts[i].trim());
        }
        return r;
    }
}
