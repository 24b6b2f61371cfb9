package dev.imgcls.tensor.ops;

import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.TensorSpec;
import dev.imgcls.tensor.profile.OpKind;

/**
 * 2-D convolution over NHWC input with HWIO filters {@code [kh, kw, cin/groups, cout]}, as
 * TensorFlow's Conv2D. Groups split input and output channels into equal slices; a depthwise
 * convolution is groups = cin with filter {@code [kh, kw, 1, cin·multiplier]} (TF stores depthwise
 * kernels as {@code [kh, kw, cin, multiplier]}, which has the same memory layout when the
 * multiplier is 1).
 */
public final class ConvOps {
    private ConvOps() {
    }

    public record Conv2dAttrs(int strideH, int strideW, Padding padding, int groups) {
        public Conv2dAttrs {
            if (strideH < 1 || strideW < 1 || groups < 1) {
                throw new IllegalArgumentException("strides and groups must be positive");
            }
        }

        /**
         * Equal strides, one group (a plain convolution).
         * <pre>{@code ConvOps.Conv2dAttrs a = ConvOps.Conv2dAttrs.of(2, Padding.SAME);}</pre>
         */
        public static Conv2dAttrs of(int stride, Padding padding) {
            return new Conv2dAttrs(stride, stride, padding, 1);
        }

        /** Output NHWC shape and the resolved padding for input {@code x} and filter {@code w}. */
        public Geometry geometry(Shape x, Shape w) {
            if (x.rank() != 4 || w.rank() != 4) {
                throw new IllegalArgumentException("conv2d wants NHWC input and HWIO filter, got " + x + " and " + w);
            }
            int cin = x.dim(3);
            int cout = w.dim(3);
            if (cin % groups != 0 || cout % groups != 0) {
                throw new IllegalArgumentException("channels in " + cin + " / out " + cout + " not divisible by groups " + groups);
            }
            if (w.dim(2) != cin / groups) {
                throw new IllegalArgumentException("filter " + w + " wants " + w.dim(2) * groups + " input channels, input " + x + " has " + cin);
            }
            Padding.Axis h = padding.along(true, x.dim(1), w.dim(0), strideH);
            Padding.Axis wa = padding.along(false, x.dim(2), w.dim(1), strideW);
            return new Geometry(x.dim(0), x.dim(1), x.dim(2), cin, w.dim(0), w.dim(1), cout, h.out(), wa.out(),
                    strideH, strideW, h.padBefore(), wa.padBefore(), groups);
        }
    }

    /**
     * Everything a kernel needs: batch n, input h×w×cin, filter kh×kw, cout, output oh×ow, strides,
     * the top/left padding (bottom/right follow from the sizes), and groups.
     */
    public record Geometry(int n, int h, int w, int cin, int kh, int kw, int cout, int oh, int ow,
                           int strideH, int strideW, int padTop, int padLeft, int groups) {
        public Shape inputShape() {
            return Shape.of(n, h, w, cin);
        }

        public Shape filterShape() {
            return Shape.of(kh, kw, cin / groups, cout);
        }

        public Shape outputShape() {
            return Shape.of(n, oh, ow, cout);
        }

        /** Multiply-adds of the forward pass. */
        public long macs() {
            return (long) n * oh * ow * cout * kh * kw * (cin / groups);
        }
    }

    /** Backprop attrs: the forward attrs plus the shape of what the gradient is for. */
    public record ConvGradAttrs(Conv2dAttrs conv, Shape shape) {
    }

    public static final OpDef<Conv2dAttrs> CONV2D = OpDef.<Conv2dAttrs>of("conv2d", 2,
            (a, in) -> {
                Specs.requireFloating(in[0], "input");
                Specs.requireSameDType(in[0], in[1]);
                return Specs.one(new TensorSpec(a.geometry(in[0].shape(), in[1].shape()).outputShape(), in[0].dtype()));
            },
            (a, in, out, g, needsGrad) -> new Tensor[] {
                    needsGrad[0] ? ConvOps.CONV2D_BACKPROP_INPUT.apply1(new ConvGradAttrs(a, in[0].shape()), g[0], in[1]) : null,
                    needsGrad[1] ? ConvOps.CONV2D_BACKPROP_FILTER.apply1(new ConvGradAttrs(a, in[1].shape()), in[0], g[0]) : null})
            .profiledAs(OpKind.CONV_FORWARD)
            .countingFlops(DenseFlops.CONV2D);

    /** Inputs (dy, filter); attrs.shape = input shape; output dx. */
    public static final OpDef<ConvGradAttrs> CONV2D_BACKPROP_INPUT = OpDef.<ConvGradAttrs>nonDifferentiable("conv2d_backprop_input", 2,
            (a, in) -> {
                Specs.requireSameDType(in[0], in[1]);
                Geometry geo = a.conv().geometry(a.shape(), in[1].shape());
                if (!geo.outputShape().equals(in[0].shape())) {
                    throw new IllegalArgumentException("output gradient " + in[0].shape() + " does not match conv output " + geo.outputShape());
                }
                return Specs.one(new TensorSpec(a.shape(), in[0].dtype()));
            })
            .profiledAs(OpKind.CONV_BACKWARD_DATA)
            .countingFlops(DenseFlops.CONV2D_BACKPROP_INPUT);

    /** Inputs (x, dy); attrs.shape = filter shape; output dw. */
    public static final OpDef<ConvGradAttrs> CONV2D_BACKPROP_FILTER = OpDef.<ConvGradAttrs>nonDifferentiable("conv2d_backprop_filter", 2,
            (a, in) -> {
                Specs.requireSameDType(in[0], in[1]);
                Geometry geo = a.conv().geometry(in[0].shape(), a.shape());
                if (!geo.outputShape().equals(in[1].shape())) {
                    throw new IllegalArgumentException("output gradient " + in[1].shape() + " does not match conv output " + geo.outputShape());
                }
                return Specs.one(new TensorSpec(a.shape(), in[0].dtype()));
            })
            .profiledAs(OpKind.CONV_BACKWARD_FILTER)
            .countingFlops(DenseFlops.CONV2D_BACKPROP_FILTER);

    /**
     * Convolves NHWC {@code x} with HWIO filter {@code w} under {@code attrs} (strides, padding,
     * groups); see {@link Conv2dAttrs}.
     * <pre>{@code Tensor dw = ConvOps.conv2d(x, w, new ConvOps.Conv2dAttrs(1, 1, Padding.SAME, x.dim(3))); // depthwise}</pre>
     */
    public static Tensor conv2d(Tensor x, Tensor w, Conv2dAttrs attrs) {
        return CONV2D.apply1(attrs, x, w);
    }

    /**
     * Convolves NHWC {@code x} {@code [n, h, w, cin]} with HWIO filter {@code w} {@code [kh, kw, cin, cout]},
     * equal strides, one group.
     * <pre>{@code Tensor y = ConvOps.conv2d(images, Tensor.randomNormal(gen, 0, 0.1, 3, 3, 3, 16), 2, Padding.SAME);}</pre>
     */
    public static Tensor conv2d(Tensor x, Tensor w, int stride, Padding padding) {
        return conv2d(x, w, Conv2dAttrs.of(stride, padding));
    }
}
