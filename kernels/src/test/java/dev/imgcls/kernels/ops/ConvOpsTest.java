package dev.imgcls.kernels.ops;

import dev.imgcls.kernels.testing.BackendUnderTest;
import dev.imgcls.kernels.testing.EveryBackend;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.ConvOps.Conv2dAttrs;
import dev.imgcls.tensor.ops.ConvOps.ConvGradAttrs;
import dev.imgcls.tensor.ops.Padding;
import org.junit.jupiter.api.Test;

import static dev.imgcls.kernels.testing.OpCheck.compareBackends1;
import static dev.imgcls.kernels.testing.OpCheck.compareBackendsWithGrad;
import static dev.imgcls.kernels.testing.OpCheck.gradCheck;
import static dev.imgcls.kernels.testing.OpCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * conv2d and its two gradient ops: every backend (the CPU: implicit GEMM, tap-wise GEMMs, Winograd,
 * depthwise loops) against the reference definition, and the backward rule against finite differences.
 */
class ConvOpsTest {
    private static final double TOL = 1e-4;

    /** One convolution: NHWC input, HWIO filter, attrs. */
    private record Case(int n, int h, int w, int cin, int kh, int kw, int cout, Conv2dAttrs attrs) {
        static Case of(int n, int h, int w, int cin, int k, int cout, int stride, Padding pad, int groups) {
            return new Case(n, h, w, cin, k, k, cout, new Conv2dAttrs(stride, stride, pad, groups));
        }

        Shape xShape() {
            return Shape.of(n, h, w, cin);
        }

        Shape wShape() {
            return Shape.of(kh, kw, cin / attrs.groups(), cout);
        }

        Shape yShape() {
            return attrs.geometry(xShape(), wShape()).outputShape();
        }
    }

    /** Forward, input gradient and filter gradient on {@code backend} against the reference. */
    private static void compareAllThree(BackendUnderTest backend, Case c, long seed) {
        Tensor x = randn(seed, c.xShape().dims());
        Tensor w = randn(seed + 1, c.wShape().dims());
        Tensor dy = randn(seed + 2, c.yShape().dims());
        compareBackends1(backend, t -> ConvOps.conv2d(t[0], t[1], c.attrs()), TOL, x, w);
        compareBackends1(backend, t -> ConvOps.CONV2D_BACKPROP_INPUT.apply1(new ConvGradAttrs(c.attrs(), c.xShape()), t[0], t[1]), TOL, dy, w);
        compareBackends1(backend, t -> ConvOps.CONV2D_BACKPROP_FILTER.apply1(new ConvGradAttrs(c.attrs(), c.wShape()), t[0], t[1]), TOL, x, dy);
    }

    @EveryBackend
    void pointwise(BackendUnderTest backend) {
        compareAllThree(backend, Case.of(2, 9, 7, 17, 1, 33, 1, Padding.VALID, 1), 10);
        compareAllThree(backend, Case.of(1, 5, 6, 33, 1, 17, 1, Padding.SAME, 1), 20);
        // Projection shortcut: 1×1 stride 2 on odd sizes (three of four input phases get zero).
        compareAllThree(backend, Case.of(3, 7, 9, 33, 1, 17, 2, Padding.SAME, 1), 30);
        // 1×1 with explicit padding cannot read rows in place.
        compareAllThree(backend, new Case(1, 5, 4, 3, 1, 1, 17, new Conv2dAttrs(1, 1, Padding.explicit(1, 0, 0, 2), 1)), 40);
        // Widening 1×1 (filter gradient as xᵀ·dy) with enough pixels to split them over threads, plain and strided.
        compareAllThree(backend, Case.of(2, 24, 23, 5, 1, 40, 1, Padding.VALID, 1), 50);
        compareAllThree(backend, Case.of(2, 33, 31, 6, 1, 37, 2, Padding.SAME, 1), 60);
    }

    @EveryBackend
    void threeByThree(BackendUnderTest backend) {
        compareAllThree(backend, Case.of(3, 7, 9, 17, 3, 33, 1, Padding.SAME, 1), 50);
        compareAllThree(backend, Case.of(1, 7, 9, 3, 3, 17, 2, Padding.SAME, 1), 60);
        compareAllThree(backend, Case.of(3, 7, 9, 33, 3, 17, 2, Padding.SAME, 1), 70);
        compareAllThree(backend, Case.of(1, 8, 11, 17, 3, 3, 1, Padding.VALID, 1), 80);
        compareAllThree(backend, new Case(2, 9, 8, 5, 3, 3, 7, new Conv2dAttrs(2, 1, Padding.SAME, 1)), 90);
    }

    @EveryBackend
    void resnetStemAndLargeKernels(BackendUnderTest backend) {
        // 7×7 stride 2 with explicit (3, 3, 3, 3) padding, as the ResNet stem.
        compareAllThree(backend, new Case(1, 15, 13, 3, 7, 7, 17, new Conv2dAttrs(2, 2, Padding.explicit(3, 3, 3, 3), 1)), 100);
        compareAllThree(backend, Case.of(3, 11, 9, 3, 7, 16, 2, Padding.explicit(3, 3, 3, 3), 1), 110);
        compareAllThree(backend, Case.of(1, 13, 10, 5, 5, 6, 2, Padding.VALID, 1), 120);
        compareAllThree(backend, new Case(1, 9, 9, 4, 3, 2, 5, new Conv2dAttrs(3, 2, Padding.explicit(0, 2, 1, 0), 1)), 130);
    }

    @EveryBackend
    void bothInputGradientStrategies(BackendUnderTest backend) {
        // Cin/g ≥ 32 runs per stride phase, fewer channels as im2col gradient + scatter; each side
        // gets strided, padded and grouped shapes.
        compareAllThree(backend, new Case(1, 9, 9, 32, 3, 2, 5, new Conv2dAttrs(3, 2, Padding.explicit(0, 2, 1, 0), 1)), 135);
        compareAllThree(backend, Case.of(1, 7, 9, 64, 3, 18, 2, Padding.SAME, 2), 136);
        compareAllThree(backend, Case.of(2, 7, 9, 17, 1, 33, 2, Padding.SAME, 1), 137);
        compareAllThree(backend, new Case(3, 8, 9, 31, 3, 2, 5, new Conv2dAttrs(2, 3, Padding.explicit(2, 1, 0, 1), 1)), 138);
    }

    /** Small images, where the CPU runs one GEMM per tap over the in-image pixels (TapwiseConv). */
    @EveryBackend
    void smallImagesMostlyPadding(BackendUnderTest backend) {
        compareAllThree(backend, Case.of(3, 2, 2, 19, 3, 21, 1, Padding.SAME, 1), 300);
        compareAllThree(backend, Case.of(2, 4, 4, 8, 3, 5, 1, Padding.SAME, 1), 310);
        compareAllThree(backend, Case.of(2, 4, 5, 6, 3, 7, 2, Padding.SAME, 1), 320);        // asymmetric SAME at stride 2
        compareAllThree(backend, Case.of(1, 3, 3, 4, 5, 3, 1, Padding.SAME, 1), 330);        // taps that never meet the image
        compareAllThree(backend, new Case(2, 2, 3, 5, 3, 2, 4, new Conv2dAttrs(1, 2, Padding.explicit(2, 1, 0, 3), 1)), 340);
        compareAllThree(backend, Case.of(4, 2, 2, 80, 3, 70, 1, Padding.SAME, 1), 350);      // several GEMM tiles per tap
        compareAllThree(backend, Case.of(1, 7, 7, 256, 3, 257, 1, Padding.SAME, 1), 360);    // wide: tap-wise at 82 % in-image
    }

    @EveryBackend
    void blockBoundariesOfTheGemm(BackendUnderTest backend) {
        // K = 9·64 crosses the GEMM's depth blocking; 80 output channels leave a partial panel.
        compareAllThree(backend, Case.of(2, 20, 19, 64, 3, 80, 1, Padding.SAME, 1), 140);
    }

    /** 3×3 stride 1 with 16+ channels and 64+ tiles: Winograd F(2×2, 3×3) on the CPU (odd sizes: partial tiles). */
    @EveryBackend
    void winogradShapes(BackendUnderTest backend) {
        compareAllThree(backend, Case.of(3, 13, 11, 19, 3, 24, 1, Padding.SAME, 1), 240);
        compareAllThree(backend, Case.of(2, 17, 15, 16, 3, 21, 1, Padding.VALID, 1), 250);
        compareAllThree(backend, new Case(2, 15, 17, 17, 3, 3, 16, new Conv2dAttrs(1, 1, Padding.explicit(3, 0, 1, 2), 1)), 260);
    }

    @EveryBackend
    void grouped(BackendUnderTest backend) {
        compareAllThree(backend, Case.of(2, 7, 9, 34, 3, 18, 1, Padding.SAME, 2), 150);
        compareAllThree(backend, Case.of(1, 7, 9, 12, 3, 20, 2, Padding.SAME, 4), 160);
        compareAllThree(backend, Case.of(3, 6, 5, 8, 1, 36, 1, Padding.VALID, 4), 170);
    }

    @EveryBackend
    void depthwise(BackendUnderTest backend) {
        compareAllThree(backend, Case.of(2, 9, 11, 33, 5, 33, 2, Padding.SAME, 33), 180);
        compareAllThree(backend, Case.of(1, 7, 9, 72, 3, 72, 1, Padding.SAME, 72), 190);
        compareAllThree(backend, Case.of(3, 8, 7, 17, 3, 17, 2, Padding.SAME, 17), 200);
        compareAllThree(backend, Case.of(1, 9, 10, 80, 3, 80, 1, Padding.VALID, 80), 210);
        compareAllThree(backend, new Case(1, 10, 9, 16, 3, 5, 16, new Conv2dAttrs(2, 1, Padding.explicit(2, 0, 1, 3), 16)), 220);
        // Channel multiplier 2 (filter [k, k, 1, 2·C]) runs as a grouped GEMM.
        compareAllThree(backend, Case.of(2, 7, 6, 5, 3, 10, 1, Padding.SAME, 5), 230);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Case[] cases = {
                Case.of(1, 5, 5, 2, 3, 3, 2, Padding.SAME, 1),
                Case.of(2, 4, 5, 3, 1, 2, 1, Padding.VALID, 1),
                Case.of(1, 6, 5, 4, 3, 4, 1, Padding.SAME, 4),
                Case.of(1, 6, 7, 4, 3, 6, 2, Padding.SAME, 2),
                new Case(1, 7, 6, 2, 3, 3, 3, new Conv2dAttrs(2, 2, Padding.explicit(1, 2, 2, 0), 1)),
        };
        long seed = 300;
        for (Case c : cases) {
            gradCheck(t -> ConvOps.conv2d(t[0], t[1], c.attrs()), randn(seed++, c.xShape().dims()), randn(seed++, c.wShape().dims()));
        }
    }

    @Test
    void shapes() {
        Tensor x = randn(1, 1, 7, 9, 3);
        assertArrayEquals(new int[] {1, 4, 5, 16}, ConvOps.conv2d(x, randn(2, 3, 3, 3, 16), 2, Padding.SAME).dims());
        assertArrayEquals(new int[] {1, 3, 4, 16}, ConvOps.conv2d(x, randn(3, 3, 3, 3, 16), 2, Padding.VALID).dims());
        assertThrows(IllegalArgumentException.class, () -> ConvOps.conv2d(x, randn(4, 3, 3, 4, 16), 1, Padding.SAME));
        assertThrows(IllegalArgumentException.class,
                () -> ConvOps.conv2d(x, randn(5, 3, 3, 1, 16), new Conv2dAttrs(1, 1, Padding.SAME, 2)));
    }

    /** conv2d with both gradients through autograd, on the shapes cuDNN plans differently. */
    @EveryBackend
    void throughAutogradOnEveryPaddingStrideAndGrouping(BackendUnderTest backend) {
        Conv2dAttrs[] attrs = {
            Conv2dAttrs.of(1, Padding.SAME), Conv2dAttrs.of(2, Padding.SAME), new Conv2dAttrs(2, 1, Padding.VALID, 1),
            new Conv2dAttrs(1, 1, Padding.explicit(1, 0, 0, 2), 1), new Conv2dAttrs(2, 2, Padding.explicit(2, 2, 1, 1), 1)};
        int[][] shapes = {{2, 9, 7, 17, 3, 3, 33}, {1, 6, 6, 5, 5, 5, 7}, {2, 8, 10, 17, 3, 3, 19}, {1, 16, 16, 3, 7, 7, 16},
            {3, 7, 9, 33, 1, 1, 17}, {2, 9, 11, 6, 3, 3, 10}, {2, 9, 7, 17, 3, 2, 5}, {1, 5, 4, 3, 2, 3, 17}, {2, 6, 6, 4, 3, 3, 4}};
        int[] which = {0, 0, 1, 1, 1, 1, 2, 3, 4};
        for (int i = 0; i < shapes.length; i++) {
            throughAutograd(backend, shapes[i], attrs[which[i]], 10 + i);
        }
        throughAutograd(backend, new int[] {2, 7, 8, 12, 3, 3, 18}, new Conv2dAttrs(1, 1, Padding.SAME, 3), 50);
        throughAutograd(backend, new int[] {2, 9, 8, 17, 3, 3, 17}, new Conv2dAttrs(2, 2, Padding.SAME, 17), 51);
        // Depthwise with channel multiplier 2: filter [kh, kw, 1, 2·cin].
        throughAutograd(backend, new int[] {1, 10, 10, 6, 5, 5, 12}, new Conv2dAttrs(1, 1, Padding.SAME, 6), 52);
    }

    /** {n, h, w, cin, kh, kw, cout}. */
    private static void throughAutograd(BackendUnderTest backend, int[] s, Conv2dAttrs attrs, long seed) {
        Tensor x = randn(seed, s[0], s[1], s[2], s[3]);
        Tensor f = randn(seed + 1, s[4], s[5], s[3] / attrs.groups(), s[6]);
        compareBackendsWithGrad(backend, t -> ConvOps.conv2d(t[0], t[1], attrs), TOL, x, f);
    }
}
