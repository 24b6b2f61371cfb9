package dev.imgcls.kernels.cpu.conv;

import dev.imgcls.kernels.cpu.VectorSupport;
import dev.imgcls.kernels.testing.OpCheck;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.ConvOps.Conv2dAttrs;
import dev.imgcls.tensor.ops.ConvOps.ConvGradAttrs;
import dev.imgcls.tensor.ops.ConvOps.Geometry;
import dev.imgcls.tensor.ops.Padding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.imgcls.kernels.testing.OpCheck.randn;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Winograd F(2×2, 3×3) against the reference backend (double-precision loops) and against the
 * direct paths on the same inputs, for forward, input gradient and filter gradient, on shapes
 * that reach every edge case: partial tiles of odd outputs, windows leaving the image, channel
 * tails past the last vector, padding above 2 (a cropping input gradient), several tile blocks
 * per thread, and a filter gradient too big for per-thread partial sums. Error is measured as
 * max |out − reference| / max |reference|.
 */
class WinogradTest {
    /**
     * Bound on the relative error of every Winograd pass, a little above the largest measured over
     * the cases below (AVX2, 8 lanes): 5.6e-7 forward, 6.5e-7 input gradient (both 256→264), 4.8e-7
     * filter gradient (19→64); the direct paths measured 1.2e-7 to 1.8e-6 on the same inputs.
     */
    private static final double BOUND = 1e-6;
    /**
     * Winograd's error against the direct paths' on the same inputs (floored at 1e-7, about the
     * FP32 rounding of the output itself). Measured at most 1.7× (input gradient, 19→64); mostly
     * below 1: its GEMMs sum over Cin where the direct ones sum over 9·Cin.
     */
    private static final double FACTOR = 3;

    @BeforeAll
    static void needsTheVectorApi() {
        assumeTrue(VectorSupport.enabled(), "Winograd runs only on the Vector API: " + VectorSupport.describe());
    }

    private record Errors(double forward, double input, double filter) {
    }

    private static double relativeError(Tensor reference, float[] out) {
        float[] ref = reference.toFloatArray();
        double max = 0;
        double err = 0;
        for (int i = 0; i < ref.length; i++) {
            max = Math.max(max, Math.abs(ref[i]));
            err = Math.max(err, Math.abs((double) out[i] - ref[i]));
        }
        return err / max;
    }

    /** NaN-filled, so an element a kernel skips shows as an error. */
    private static float[] output(int size) {
        float[] a = new float[size];
        Arrays.fill(a, Float.NaN);
        return a;
    }

    private static void check(int n, int h, int w, int cin, int cout, Padding pad, int threads, long seed) {
        check(n, h, w, cin, cout, pad, threads, seed, false);
    }

    /** {@code relu}: x uniform in [0, 1), as activations after a ReLU (same-signed inputs cancel in the input transform). */
    private static void check(int n, int h, int w, int cin, int cout, Padding pad, int threads, long seed, boolean relu) {
        Conv2dAttrs attrs = new Conv2dAttrs(1, 1, pad, 1);
        Shape xs = Shape.of(n, h, w, cin);
        Shape ws = Shape.of(3, 3, cin, cout);
        Geometry g = attrs.geometry(xs, ws);
        Tensor x = relu ? OpCheck.uniform(seed, 0, 1, xs.dims()) : randn(seed, xs.dims());
        Tensor f = randn(seed + 1, ws.dims());
        Tensor dy = randn(seed + 2, g.outputShape().dims());
        Tensor y;
        Tensor dx;
        Tensor dw;
        try (Autograd.Scope ignored = Backends.use(OpCheck.REFERENCE); Autograd.Scope ng = Autograd.noGrad()) {
            y = ConvOps.conv2d(x, f, attrs);
            dx = ConvOps.CONV2D_BACKPROP_INPUT.apply1(new ConvGradAttrs(attrs, xs), dy, f);
            dw = ConvOps.CONV2D_BACKPROP_FILTER.apply1(new ConvGradAttrs(attrs, ws), x, dy);
        }
        float[] xa = x.toFloatArray();
        float[] fa = f.toFloatArray();
        float[] dya = dy.toFloatArray();
        float[] out = output(y.numel());
        Winograd.forward(g, xa, fa, out, threads);
        float[] direct = output(y.numel());
        Conv2d.forwardDirect(g, xa, fa, direct, threads);
        Errors wino = new Errors(relativeError(y, out), 0, 0);
        Errors dir = new Errors(relativeError(y, direct), 0, 0);
        out = output(dx.numel());
        Winograd.backwardInput(g, dya, fa, out, threads);
        direct = output(dx.numel());
        Conv2d.backwardInputDirect(g, dya, fa, direct, threads);
        wino = new Errors(wino.forward(), relativeError(dx, out), 0);
        dir = new Errors(dir.forward(), relativeError(dx, direct), 0);
        out = output(dw.numel());
        Winograd.backwardFilter(g, xa, dya, out, threads);
        direct = output(dw.numel());
        Conv2d.backwardFilterDirect(g, xa, dya, direct, threads);
        wino = new Errors(wino.forward(), wino.input(), relativeError(dw, out));
        dir = new Errors(dir.forward(), dir.input(), relativeError(dw, direct));
        String what = String.format("%d×%d×%d×%d→%d %s%s, %d threads: Winograd %s, direct %s", n, h, w, cin, cout, pad,
                relu ? ", x ≥ 0" : "", threads, wino, dir);
        System.out.println(what);
        assertWithin(wino.forward(), dir.forward(), "forward of " + what);
        assertWithin(wino.input(), dir.input(), "input gradient of " + what);
        assertWithin(wino.filter(), dir.filter(), "filter gradient of " + what);
    }

    private static void assertWithin(double wino, double direct, String what) {
        assertTrue(wino <= BOUND, "relative error " + wino + " above " + BOUND + " in the " + what);
        assertTrue(wino <= FACTOR * Math.max(direct, 1e-7), "error " + wino + " more than " + FACTOR + "× the direct path's in the " + what);
    }

    @Test
    void sameAndValidOnOddSizes() {
        check(1, 7, 9, 16, 19, Padding.SAME, 2, 1);      // partial tiles at the bottom and right, channel tails
        check(3, 13, 13, 19, 64, Padding.SAME, 1, 10);   // 147 tiles: two blocks on one thread
        check(3, 13, 13, 64, 19, Padding.SAME, 2, 20);
        check(3, 7, 9, 64, 16, Padding.VALID, 2, 30);
        check(1, 13, 13, 64, 64, Padding.VALID, 2, 40);
    }

    @Test
    void explicitAsymmetricPadding() {
        check(3, 9, 7, 19, 19, Padding.explicit(0, 2, 1, 0), 2, 50);
        // Top padding 3: the input gradient's padding 2 − 3 crops; rows of y that see only padding.
        check(1, 8, 10, 16, 17, Padding.explicit(3, 1, 2, 3), 2, 60);
    }

    @Test
    void nonNegativeInputsAsAfterRelu() {
        check(3, 13, 13, 64, 64, Padding.SAME, 2, 80, true);
        check(2, 9, 11, 128, 19, Padding.SAME, 2, 90, true);
    }

    @Test
    void filterGradientTooBigForPartialSums() {
        // 16·256·264 floats of dU exceed the per-thread partial sums: blocks in turn, threaded GEMMs.
        check(2, 6, 6, 256, 264, Padding.SAME, 2, 70);
    }

    private static Geometry geometry(int n, int hw, int cin, int cout, int stride, Padding pad, int groups) {
        return new Conv2dAttrs(stride, stride, pad, groups).geometry(Shape.of(n, hw, hw, cin), Shape.of(3, 3, cin / groups, cout));
    }

    private static Geometry geometry(int n, int h, int w, int cin, int cout, Padding pad) {
        return new Conv2dAttrs(1, 1, pad, 1).geometry(Shape.of(n, h, w, cin), Shape.of(3, 3, cin, cout));
    }

    @Test
    void chosenForResNetLayersNotForTheRest() {
        // ResNet-18's 3×3 layers at 224 (but 7×7) and at 64 (4×4 and above).
        for (int[] layer : new int[][] {{56, 64}, {28, 128}, {14, 256}, {16, 64}, {8, 128}, {4, 256}}) {
            Geometry g = geometry(32, layer[0], layer[1], layer[1], 1, Padding.SAME, 1);
            assertTrue(Conv2d.winograd(g, false) && Conv2d.winograd(g, true), "ResNet layer " + g);
        }
        assertFalse(Conv2d.winograd(geometry(32, 2, 512, 512, 1, Padding.SAME, 1), false), "2×2: as many multiply-adds");
        assertFalse(Conv2d.winograd(geometry(32, 5, 64, 64, 1, Padding.SAME, 1), false), "5×5: 0.85 of the tap-wise work");
        assertFalse(Conv2d.winograd(geometry(32, 7, 512, 512, 1, Padding.SAME, 1), false), "7×7: 0.71 of the tap-wise work");
        assertFalse(Conv2d.winograd(geometry(32, 28, 128, 128, 2, Padding.SAME, 1), false), "stride 2");
        assertFalse(Conv2d.winograd(geometry(32, 28, 128, 128, 1, Padding.SAME, 2), false), "grouped");
        assertFalse(Conv2d.winograd(geometry(32, 28, 64, 64, 1, Padding.SAME, 64), false), "depthwise");
        assertFalse(Conv2d.winograd(geometry(32, 28, 8, 64, 1, Padding.SAME, 1), false), "8 input channels");
        assertFalse(Conv2d.winograd(geometry(1, 7, 512, 512, 1, Padding.SAME, 1), false), "16 tiles");
        // The shapes of ConvOpsTest.winogradShapes, and the one of its GEMM-blocking case.
        Geometry[] engine = {
            geometry(2, 20, 19, 64, 80, Padding.SAME),
            geometry(3, 13, 11, 19, 24, Padding.SAME),
            geometry(2, 17, 15, 16, 21, Padding.VALID),
            geometry(2, 15, 17, 17, 16, Padding.explicit(3, 0, 1, 2)),
        };
        for (Geometry e : engine) {
            assertTrue(Conv2d.winograd(e, false) && Conv2d.winograd(e, true), "engine test shape " + e);
        }
        Geometry g = new Conv2dAttrs(1, 1, Padding.SAME, 1).geometry(Shape.of(4, 28, 28, 64), Shape.of(5, 5, 64, 64));
        assertFalse(Conv2d.winograd(g, false), "5×5 filter");
        String before = System.getProperty(Conv2d.WINOGRAD_PROPERTY);
        System.setProperty(Conv2d.WINOGRAD_PROPERTY, "false");
        try {
            assertFalse(Conv2d.winograd(geometry(32, 56, 64, 64, 1, Padding.SAME, 1), false), "switched off by the property");
        } finally {
            if (before == null) {
                System.clearProperty(Conv2d.WINOGRAD_PROPERTY);
            } else {
                System.setProperty(Conv2d.WINOGRAD_PROPERTY, before);
            }
        }
    }
}
