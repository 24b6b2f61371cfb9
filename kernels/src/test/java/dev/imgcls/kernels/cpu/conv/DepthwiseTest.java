package dev.imgcls.kernels.cpu.conv;

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
import org.junit.jupiter.api.Test;

import static dev.imgcls.kernels.testing.OpCheck.randn;

/**
 * Both depthwise implementations (the plain-Java one used without the Vector API, and the SIMD
 * one) called directly and compared with the reference backend's conv ops.
 */
class DepthwiseTest {
    private static void check(Depthwise impl, int n, int h, int w, int c, int kh, int kw, Conv2dAttrs attrs, long seed) {
        Shape xs = Shape.of(n, h, w, c);
        Shape ws = Shape.of(kh, kw, 1, c);
        Geometry g = attrs.geometry(xs, ws);
        Tensor x = randn(seed, xs.dims());
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
        float[] yOut = new float[g.outputShape().numel()];
        float[] dxOut = new float[xs.numel()];
        float[] dwOut = new float[ws.numel()];
        impl.forward(g, x.toFloatArray(), f.toFloatArray(), yOut, 2);
        impl.backwardInput(g, dy.toFloatArray(), f.toFloatArray(), dxOut, 2);
        impl.backwardFilter(g, x.toFloatArray(), dy.toFloatArray(), dwOut, 2);
        OpCheck.assertClose(y, Tensor.of(yOut, y.dims()), 1e-4, "forward");
        OpCheck.assertClose(dx, Tensor.of(dxOut, dx.dims()), 1e-4, "input gradient");
        OpCheck.assertClose(dw, Tensor.of(dwOut, dw.dims()), 1e-4, "filter gradient");
    }

    private static void sweep(Depthwise impl) {
        check(impl, 2, 9, 11, 33, 5, 5, new Conv2dAttrs(2, 2, Padding.SAME, 33), 1);
        check(impl, 1, 7, 9, 72, 3, 3, new Conv2dAttrs(1, 1, Padding.SAME, 72), 2);
        check(impl, 3, 8, 7, 17, 3, 3, new Conv2dAttrs(2, 2, Padding.SAME, 17), 3);
        check(impl, 1, 10, 9, 16, 3, 5, new Conv2dAttrs(2, 1, Padding.explicit(2, 0, 1, 3), 16), 4);
        check(impl, 2, 6, 13, 96, 3, 7, new Conv2dAttrs(1, 3, Padding.VALID, 96), 5);
    }

    @Test
    void scalarImplementationMatchesReference() {
        sweep(Depthwise.scalar());
    }

    @Test
    void selectedImplementationMatchesReference() {
        sweep(Depthwise.kernels());
    }
}
