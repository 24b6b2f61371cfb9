package dev.imgcls.kernels.cuda;

import static dev.imgcls.kernels.cuda.CudaTestSupport.compareWithGrad;
import static dev.imgcls.kernels.testing.OpCheck.randn;

import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.ConvOps.Conv2dAttrs;
import dev.imgcls.tensor.ops.Padding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * conv2d and both gradients on cuDNN against the reference backend: symmetric and asymmetric TF
 * SAME padding (the explicit-padding path), VALID, explicit padding, strides, groups, depthwise.
 * SKIPPED with the reason when no usable GPU is present.
 */
class CudnnConvOpsTest {
    private static final double TOL = 1e-4;

    @BeforeEach
    void requireGpu() {
        CudaTestSupport.requireGpu();
    }

    private static void check(int n, int h, int w, int cin, int kh, int kw, int cout, Conv2dAttrs attrs, long seed) {
        Tensor x = randn(seed, n, h, w, cin);
        Tensor f = randn(seed + 1, kh, kw, cin / attrs.groups(), cout);
        compareWithGrad(t -> ConvOps.conv2d(t[0], t[1], attrs), TOL, x, f);
    }

    @Test
    void sameStrideOneIsSymmetric() {
        check(2, 9, 7, 17, 3, 3, 33, Conv2dAttrs.of(1, Padding.SAME), 10);
        check(1, 6, 6, 5, 5, 5, 7, Conv2dAttrs.of(1, Padding.SAME), 11);
    }

    @Test
    void sameStrideTwoOnEvenInputPadsBottomRightExplicitly() {
        check(2, 8, 10, 17, 3, 3, 19, Conv2dAttrs.of(2, Padding.SAME), 20);
        check(1, 16, 16, 3, 7, 7, 16, Conv2dAttrs.of(2, Padding.SAME), 21);
        check(3, 7, 9, 33, 1, 1, 17, Conv2dAttrs.of(2, Padding.SAME), 22);
    }

    @Test
    void sameStrideTwoOnOddInput() {
        check(2, 9, 11, 6, 3, 3, 10, Conv2dAttrs.of(2, Padding.SAME), 30);
    }

    @Test
    void validAndExplicitPadding() {
        check(2, 9, 7, 17, 3, 2, 5, new Conv2dAttrs(2, 1, Padding.VALID, 1), 40);
        check(1, 5, 4, 3, 2, 3, 17, new Conv2dAttrs(1, 1, Padding.explicit(1, 0, 0, 2), 1), 41);
        check(2, 6, 6, 4, 3, 3, 4, new Conv2dAttrs(2, 2, Padding.explicit(2, 2, 1, 1), 1), 42);
    }

    @Test
    void groupsAndDepthwise() {
        check(2, 7, 8, 12, 3, 3, 18, new Conv2dAttrs(1, 1, Padding.SAME, 3), 50);
        check(2, 9, 8, 17, 3, 3, 17, new Conv2dAttrs(2, 2, Padding.SAME, 17), 51);
        // Depthwise with channel multiplier 2: filter [kh, kw, 1, 2·cin].
        check(1, 10, 10, 6, 5, 5, 12, new Conv2dAttrs(1, 1, Padding.SAME, 6), 52);
    }
}
