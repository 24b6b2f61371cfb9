package dev.imgcls.kernels.cpu.conv;

import dev.imgcls.tensor.ops.ConvOps.Geometry;

/**
 * For one filter tap (ky, kx): the output pixels whose input pixel under that tap lies inside the
 * image, and those input pixels, as flat NHWC pixel indices (n·H + row)·W + column, in matching
 * order. Per image the valid outputs form a rectangle; no input pixel repeats.
 */
final class TapPixels {
    private final int[] outputs;
    private final int[] inputs;

    TapPixels(Geometry g, int ky, int kx) {
        int oy0 = firstValid(ky, g.strideH(), g.padTop());
        int oy1 = endValid(ky, g.strideH(), g.padTop(), g.h(), g.oh());
        int ox0 = firstValid(kx, g.strideW(), g.padLeft());
        int ox1 = endValid(kx, g.strideW(), g.padLeft(), g.w(), g.ow());
        int perImage = Math.max(0, oy1 - oy0) * Math.max(0, ox1 - ox0);
        outputs = new int[g.n() * perImage];
        inputs = new int[outputs.length];
        int i = 0;
        for (int n = 0; n < g.n(); n++) {
            for (int oy = oy0; oy < oy1; oy++) {
                int iy = oy * g.strideH() + ky - g.padTop();
                for (int ox = ox0; ox < ox1; ox++) {
                    int ix = ox * g.strideW() + kx - g.padLeft();
                    outputs[i] = (n * g.oh() + oy) * g.ow() + ox;
                    inputs[i] = (n * g.h() + iy) * g.w() + ix;
                    i++;
                }
            }
        }
    }

    /** Smallest output position o with o·stride + tap − pad ≥ 0. */
    private static int firstValid(int tap, int stride, int pad) {
        return Math.max(0, Math.floorDiv(pad - tap + stride - 1, stride));
    }

    /** One past the largest output position (below out) with o·stride + tap − pad < size. */
    private static int endValid(int tap, int stride, int pad, int size, int out) {
        return Math.min(out, Math.floorDiv(size - 1 + pad - tap, stride) + 1);
    }

    int rows() {
        return outputs.length;
    }

    int[] outputs() {
        return outputs;
    }

    int[] inputs() {
        return inputs;
    }
}
