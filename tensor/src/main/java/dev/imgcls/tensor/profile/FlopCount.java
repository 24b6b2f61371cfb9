package dev.imgcls.tensor.profile;

import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.LinalgOps;

/**
 * Floating-point operations of one dense-math op call, counted as 2 per multiply-add (the usual
 * convention, so GFLOP/s compares with published numbers). Both conv backward ops do exactly the
 * forward's multiply-adds, arranged differently.
 */
final class FlopCount {
    private FlopCount() {
    }

    /** Appended to the op name of grouped (including depthwise) convolutions in profiles. */
    static final String GROUPED_SUFFIX = " [grouped]";

    /** Whether the attrs are those of a convolution (or its backprop) with more than one group. */
    static boolean isGroupedConv(Object attrs) {
        if (attrs instanceof ConvOps.Conv2dAttrs a) {
            return a.groups() > 1;
        }
        return attrs instanceof ConvOps.ConvGradAttrs g && g.conv().groups() > 1;
    }

    /**
     * A compact description of a dense-math call's problem size, e.g. {@code 3x3/2 64->128 @56x56 n32}
     * for a convolution (kernel/stride, channels, input size, batch; {@code g<groups>} when grouped)
     * or {@code 1024x1000x2048} (M×N×K) for a matmul; null for other ops.
     */
    static String shapeOf(String opName, Object attrs, Tensor[] inputs) {
        ConvOps.Geometry g = switch (opName) {
            case "conv2d" -> ((ConvOps.Conv2dAttrs) attrs).geometry(inputs[0].shape(), inputs[1].shape());
            case "conv2d_backprop_input" -> ((ConvOps.ConvGradAttrs) attrs).conv().geometry(((ConvOps.ConvGradAttrs) attrs).shape(), inputs[1].shape());
            case "conv2d_backprop_filter" -> ((ConvOps.ConvGradAttrs) attrs).conv().geometry(inputs[0].shape(), ((ConvOps.ConvGradAttrs) attrs).shape());
            default -> null;
        };
        if (g != null) {
            return g.kh() + "x" + g.kw() + "/" + g.strideH() + " " + g.cin() + "->" + g.cout() + " @" + g.h() + "x" + g.w() + " n" + g.n()
                    + (g.groups() > 1 ? " g" + g.groups() : "");
        }
        if (opName.equals("matmul")) {
            LinalgOps.MatmulAttrs a = (LinalgOps.MatmulAttrs) attrs;
            return inputs[0].shape().dim(a.transposeA() ? 1 : 0) + "x" + inputs[1].shape().dim(a.transposeB() ? 0 : 1) + "x"
                    + inputs[0].shape().dim(a.transposeA() ? 0 : 1);
        }
        return null;
    }

    /** FLOPs of the call, or 0 for ops that are not convolutions or matrix products. */
    static long of(String opName, Object attrs, Tensor[] inputs) {
        switch (opName) {
            case "conv2d": {
                ConvOps.Conv2dAttrs a = (ConvOps.Conv2dAttrs) attrs;
                return 2 * a.geometry(inputs[0].shape(), inputs[1].shape()).macs();
            }
            case "conv2d_backprop_input": { // inputs (dy, filter); attrs.shape = x's shape
                ConvOps.ConvGradAttrs a = (ConvOps.ConvGradAttrs) attrs;
                return 2 * a.conv().geometry(a.shape(), inputs[1].shape()).macs();
            }
            case "conv2d_backprop_filter": { // inputs (x, dy); attrs.shape = filter shape
                ConvOps.ConvGradAttrs a = (ConvOps.ConvGradAttrs) attrs;
                return 2 * a.conv().geometry(inputs[0].shape(), a.shape()).macs();
            }
            case "matmul": {
                LinalgOps.MatmulAttrs a = (LinalgOps.MatmulAttrs) attrs;
                long m = inputs[0].shape().dim(a.transposeA() ? 1 : 0);
                long k = inputs[0].shape().dim(a.transposeA() ? 0 : 1);
                long n = inputs[1].shape().dim(a.transposeB() ? 0 : 1);
                return 2 * m * k * n;
            }
            default:
                return 0;
        }
    }
}
