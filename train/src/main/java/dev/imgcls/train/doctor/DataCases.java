package dev.imgcls.train.doctor;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ShapeOps;
import dev.imgcls.tensor.ops.ShapeOps.AxisAttrs;
import dev.imgcls.tensor.ops.ShapeOps.CastAttrs;
import dev.imgcls.tensor.ops.ShapeOps.OneHotAttrs;
import dev.imgcls.tensor.ops.ShapeOps.PadAttrs;
import dev.imgcls.tensor.ops.ShapeOps.ReshapeAttrs;
import dev.imgcls.tensor.ops.ShapeOps.SliceAttrs;
import dev.imgcls.tensor.ops.ShapeOps.TopKAttrs;
import dev.imgcls.tensor.ops.ShapeOps.TopKGradAttrs;
import dev.imgcls.tensor.ops.ShapeOps.TransposeAttrs;

import java.util.ArrayList;
import java.util.List;

import static dev.imgcls.train.doctor.Draws.affine;
import static dev.imgcls.train.doctor.Draws.integers;
import static dev.imgcls.train.doctor.Draws.normal;
import static dev.imgcls.train.doctor.Draws.uniform;

/**
 * Self-check cases of the ops that move, select or convert values (all compared exactly):
 * reshape, transpose, pad, slice, concat on an odd 4-D shape and on integers; argmax and top_k on
 * floats and integers with k = 1, a few, and the whole row past one thread block; top_k_grad on
 * indices top_k gave; one_hot with out-of-range labels; cast between the dtypes data arrives in.
 */
final class DataCases {
    private static final int[] X = {3, 7, 11, 5};

    private DataCases() {
    }

    static List<OpCase<?>> all() {
        List<OpCase<?>> c = new ArrayList<>();
        c.add(OpCase.of(ShapeOps.RESHAPE, "to [21,-1]", new ReshapeAttrs(new int[] {21, -1}), Tolerances.DATA, g -> new Tensor[] {normal(g, 1, X)}));
        for (int[] perm : new int[][] {{0, 3, 1, 2}, {2, 0, 3, 1}}) {
            c.add(OpCase.of(ShapeOps.TRANSPOSE, "perm " + Shapes.compact(perm), new TransposeAttrs(perm), Tolerances.DATA,
                    g -> new Tensor[] {normal(g, 1, X)}));
        }
        c.add(OpCase.of(ShapeOps.TRANSPOSE, "perm [1,0]", new TransposeAttrs(new int[] {1, 0}), Tolerances.DATA,
                g -> new Tensor[] {integers(g, -1000, 1000, DType.INT32, 37, 129)}));
        PadAttrs pad = new PadAttrs(new int[] {0, 1, 2, 0}, new int[] {1, 2, 1, 0}, -1.5);
        c.add(OpCase.of(ShapeOps.PAD, "by " + Shapes.compact(pad.before()) + Shapes.compact(pad.after()) + " with -1.5", pad, Tolerances.DATA,
                g -> new Tensor[] {normal(g, 1, X)}));
        PadAttrs bytes = new PadAttrs(new int[] {0, 3, 3, 0}, new int[] {0, 3, 3, 0}, 0);
        c.add(OpCase.of(ShapeOps.PAD, "by 3 px", bytes, Tolerances.DATA, g -> new Tensor[] {integers(g, 0, 256, DType.UINT8, 2, 5, 7, 3)}));
        SliceAttrs slice = new SliceAttrs(new int[] {1, 2, 3, 0}, new int[] {2, -1, 5, 3});
        c.add(OpCase.of(ShapeOps.SLICE, "from " + Shapes.compact(slice.begin()) + " size " + Shapes.compact(slice.size()), slice, Tolerances.DATA,
                g -> new Tensor[] {normal(g, 1, X)}));
        c.add(OpCase.of(ShapeOps.CONCAT, "axis -1", new AxisAttrs(-1), Tolerances.DATA,
                g -> new Tensor[] {normal(g, 1, X), normal(g, 1, 3, 7, 11, 2), normal(g, 1, 3, 7, 11, 6)}));
        c.add(OpCase.of(ShapeOps.CONCAT, "axis 0", new AxisAttrs(0), Tolerances.DATA,
                g -> new Tensor[] {integers(g, -5, 5, DType.INT64, 1, 7, 11, 5), integers(g, -5, 5, DType.INT64, 2, 7, 11, 5)}));
        c.add(OpCase.of(ShapeOps.ARGMAX, "axis 1", new AxisAttrs(1), Tolerances.DATA, g -> new Tensor[] {normal(g, 1, X)}));
        c.add(OpCase.of(ShapeOps.ARGMAX, "axis -1", new AxisAttrs(-1), Tolerances.DATA, g -> new Tensor[] {normal(g, 1, 13, 1001)}));
        c.add(OpCase.of(ShapeOps.ARGMAX, "axis 2 ties", new AxisAttrs(2), Tolerances.DATA, g -> new Tensor[] {integers(g, 0, 4, DType.INT32, X)}));
        for (int[] kn : new int[][] {{1, 131}, {5, 131}, {131, 131}, {7, 1031}}) {
            c.add(OpCase.of(ShapeOps.TOP_K, "k " + kn[0], new TopKAttrs(kn[0]), Tolerances.DATA, g -> new Tensor[] {normal(g, 1, 3, 7, kn[1])}));
        }
        c.add(OpCase.of(ShapeOps.TOP_K, "k 5 ties", new TopKAttrs(5), Tolerances.DATA, g -> new Tensor[] {integers(g, 0, 9, DType.INT32, 3, 7, 131)}));
        c.add(OpCase.of(ShapeOps.TOP_K_GRAD, "n 131", new TopKGradAttrs(131), Tolerances.DATA, g -> {
            Tensor[] top = ShapeOps.topK(normal(g, 1, 3, 7, 131), 5);
            return new Tensor[] {normal(g, 1, 3, 7, 5), top[1]};
        }));
        for (DType labels : new DType[] {DType.INT32, DType.INT64}) {
            OneHotAttrs a = new OneHotAttrs(13, 0.9, 0.01, labels == DType.INT32 ? DType.FLOAT32 : DType.INT32);
            c.add(OpCase.of(ShapeOps.ONE_HOT, "depth 13 to " + Shapes.dtypeName(a.dtype()) + " labels -1..13", a, Tolerances.DATA,
                    g -> new Tensor[] {integers(g, -1, 14, labels, 3, 7)}));
        }
        cast(c, DType.FLOAT32, DType.INT32, g -> affine(normal(g, 1, X), 100, 0));
        cast(c, DType.FLOAT32, DType.UINT8, g -> uniform(g, -300, 300, X));
        cast(c, DType.FLOAT32, DType.FLOAT64, g -> normal(g, 1, X));
        cast(c, DType.UINT8, DType.FLOAT32, g -> integers(g, 0, 256, DType.UINT8, 2, 9, 11, 3));
        cast(c, DType.INT64, DType.INT32, g -> integers(g, -100_000, 100_000, DType.INT64, X));
        cast(c, DType.INT32, DType.FLOAT32, g -> integers(g, -(1 << 29), 1 << 29, DType.INT32, X));
        return c;
    }

    private static void cast(List<OpCase<?>> c, DType from, DType to, Draws.Draw x) {
        c.add(OpCase.of(ShapeOps.CAST, Shapes.dtypeName(from) + " to " + Shapes.dtypeName(to), new CastAttrs(to), Tolerances.DATA,
                g -> new Tensor[] {x.draw(g)}));
    }
}
