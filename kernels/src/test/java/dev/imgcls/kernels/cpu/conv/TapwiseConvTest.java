package dev.imgcls.kernels.cpu.conv;

import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.ops.ConvOps.Conv2dAttrs;
import dev.imgcls.tensor.ops.ConvOps.Geometry;
import dev.imgcls.tensor.ops.Padding;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which convolutions take the tap-wise path, and the pixel pairs it multiplies. */
class TapwiseConvTest {
    private static Geometry geometry(int n, int h, int w, int cin, int k, int cout, int stride, Padding pad, int groups) {
        return new Conv2dAttrs(stride, stride, pad, groups).geometry(Shape.of(n, h, w, cin), Shape.of(k, k, cin / groups, cout));
    }

    @Test
    void chosenWhereThePaddingWastesTheGemm() {
        // ResNet-18's deep layers at 64×64 input (2×2 and 4×4 maps; the tests in ConvOpsTest use these shapes too)
        assertTrue(TapwiseConv.applies(geometry(128, 2, 2, 512, 3, 512, 1, Padding.SAME, 1)));
        assertTrue(TapwiseConv.applies(geometry(128, 4, 4, 256, 3, 256, 1, Padding.SAME, 1)));
        assertTrue(TapwiseConv.applies(geometry(3, 2, 2, 19, 3, 21, 1, Padding.SAME, 1)));
        assertTrue(TapwiseConv.applies(geometry(2, 4, 5, 6, 3, 7, 2, Padding.SAME, 1)));
        // Wide layers of ResNet at 224×224: 14×14 (91 % of taps in-image) and 7×7 (82 %) go tap-wise, 28×28 (95 %) not.
        assertTrue(TapwiseConv.applies(geometry(32, 14, 14, 256, 3, 256, 1, Padding.SAME, 1)));
        assertTrue(TapwiseConv.applies(geometry(32, 7, 7, 512, 3, 512, 1, Padding.SAME, 1)));
        assertFalse(TapwiseConv.applies(geometry(32, 28, 28, 128, 3, 128, 1, Padding.SAME, 1)));
        assertFalse(TapwiseConv.applies(geometry(128, 16, 16, 64, 3, 64, 1, Padding.SAME, 1)), "narrow: 92 % in-image stays im2col");
        assertFalse(TapwiseConv.applies(geometry(128, 8, 8, 128, 3, 128, 1, Padding.SAME, 1)), "narrow: 84 % in-image stays im2col");
        // Mostly in-image, unpadded, 1×1 or grouped: the im2col / depthwise paths stay.
        assertFalse(TapwiseConv.applies(geometry(32, 16, 16, 64, 3, 64, 1, Padding.SAME, 1)));
        assertFalse(TapwiseConv.applies(geometry(32, 4, 4, 64, 3, 64, 1, Padding.VALID, 1)));
        assertFalse(TapwiseConv.applies(geometry(32, 2, 2, 64, 1, 64, 1, Padding.SAME, 1)));
        assertFalse(TapwiseConv.applies(geometry(32, 2, 2, 64, 3, 64, 1, Padding.SAME, 64)));
    }

    @Test
    void eachTapPairsEveryInImagePixelOnce() {
        Geometry g = geometry(2, 4, 5, 3, 3, 4, 2, Padding.SAME, 1); // pads 0 top / 1 bottom, 1 left / 1 right
        int pairs = 0;
        for (int ky = 0; ky < 3; ky++) {
            for (int kx = 0; kx < 3; kx++) {
                TapPixels tap = new TapPixels(g, ky, kx);
                Set<Integer> seen = new HashSet<>();
                for (int i = 0; i < tap.rows(); i++) {
                    int out = tap.outputs()[i];
                    int n = out / (g.oh() * g.ow());
                    int oy = out / g.ow() % g.oh();
                    int ox = out % g.ow();
                    int iy = oy * g.strideH() + ky - g.padTop();
                    int ix = ox * g.strideW() + kx - g.padLeft();
                    assertTrue(iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w());
                    assertEquals((n * g.h() + iy) * g.w() + ix, tap.inputs()[i]);
                    assertTrue(seen.add(tap.inputs()[i]), "an input pixel repeats within one tap");
                }
                pairs += tap.rows();
            }
        }
        // Brute force: every (output, tap) whose input lies inside the image.
        int expected = 0;
        for (int oy = 0; oy < g.oh(); oy++) {
            for (int ox = 0; ox < g.ow(); ox++) {
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        int iy = oy * 2 + ky - g.padTop();
                        int ix = ox * 2 + kx - g.padLeft();
                        expected += iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w() ? 1 : 0;
                    }
                }
            }
        }
        assertEquals(2 * expected, pairs);
    }
}
