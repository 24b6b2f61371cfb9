package dev.imgcls.train.doctor;

import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ConvOps;
import dev.imgcls.tensor.ops.ConvOps.Conv2dAttrs;
import dev.imgcls.tensor.ops.ConvOps.ConvGradAttrs;
import dev.imgcls.tensor.ops.ConvOps.Geometry;
import dev.imgcls.tensor.ops.Padding;

import java.util.ArrayList;
import java.util.List;

import static dev.imgcls.train.doctor.Draws.normal;
import static dev.imgcls.train.doctor.Draws.scaled;

/**
 * Self-check cases of conv2d and its two gradients, each on the same geometries: 3×3 SAME with
 * stride 1 and 2 (an even height, so SAME pads one more row at the bottom than at the top, which
 * cuDNN cannot express), a strided 1×1 projection, depthwise with multiplier 1 and 2, a grouped
 * VALID convolution, the ResNet stem's 7×7 with explicit padding, and a 1×3 kernel with unequal
 * strides on a batch of one. Channels 13 and 15, batch 3: no size is a multiple of a warp.
 */
final class ConvCases {
    /** One convolution: NHWC input and HWIO filter shapes, attrs, and a label. */
    private record Geo(String label, int[] x, int[] w, Conv2dAttrs attrs) {
        Geometry geometry() {
            return attrs.geometry(Shape.of(x), Shape.of(w));
        }
    }

    private static final List<Geo> GEOMETRIES = List.of(
            new Geo("3x3/1 SAME", new int[] {3, 9, 11, 13}, new int[] {3, 3, 13, 7}, Conv2dAttrs.of(1, Padding.SAME)),
            new Geo("3x3/2 SAME", new int[] {3, 10, 11, 13}, new int[] {3, 3, 13, 7}, Conv2dAttrs.of(2, Padding.SAME)),
            new Geo("1x1/2 VALID", new int[] {3, 9, 11, 13}, new int[] {1, 1, 13, 17}, Conv2dAttrs.of(2, Padding.VALID)),
            new Geo("depthwise 5x5/2 SAME", new int[] {3, 9, 11, 13}, new int[] {5, 5, 1, 13}, new Conv2dAttrs(2, 2, Padding.SAME, 13)),
            new Geo("depthwise x2 3x3/1 SAME", new int[] {2, 8, 7, 13}, new int[] {3, 3, 1, 26}, new Conv2dAttrs(1, 1, Padding.SAME, 13)),
            new Geo("groups 3 3x3/1 VALID", new int[] {2, 8, 7, 15}, new int[] {3, 3, 5, 9}, new Conv2dAttrs(1, 1, Padding.VALID, 3)),
            new Geo("7x7/2 pad 3", new int[] {2, 23, 19, 3}, new int[] {7, 7, 3, 5}, Conv2dAttrs.of(2, Padding.explicit(3, 3, 3, 3))),
            new Geo("1x3/1,2 SAME", new int[] {1, 6, 9, 4}, new int[] {1, 3, 4, 5}, new Conv2dAttrs(1, 2, Padding.SAME, 1)));

    private ConvCases() {
    }

    static List<OpCase<?>> all() {
        List<OpCase<?>> c = new ArrayList<>();
        for (Geo geo : GEOMETRIES) {
            Geometry g = geo.geometry();
            int groups = g.groups();
            // Each output sums kh·kw·cin/groups products forward, kh·kw·cout/groups for the input
            // gradient and n·oh·ow for the filter gradient: the scaled operand keeps sums of order 1.
            c.add(OpCase.of(ConvOps.CONV2D, geo.label(), geo.attrs(), Tolerances.CONV,
                    r -> new Tensor[] {normal(r, 1, geo.x()), scaled(r, g.kh() * g.kw() * g.cin() / groups, geo.w())}));
            c.add(OpCase.of(ConvOps.CONV2D_BACKPROP_INPUT, geo.label(), new ConvGradAttrs(geo.attrs(), Shape.of(geo.x())), Tolerances.CONV,
                    r -> new Tensor[] {normal(r, 1, g.outputShape().dims()), scaled(r, g.kh() * g.kw() * g.cout() / groups, geo.w())}));
            c.add(OpCase.of(ConvOps.CONV2D_BACKPROP_FILTER, geo.label(), new ConvGradAttrs(geo.attrs(), Shape.of(geo.w())), Tolerances.CONV,
                    r -> new Tensor[] {normal(r, 1, geo.x()), scaled(r, g.n() * g.oh() * g.ow(), g.outputShape().dims())}));
        }
        return c;
    }
}
