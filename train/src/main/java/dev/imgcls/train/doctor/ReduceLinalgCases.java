package dev.imgcls.train.doctor;

import dev.imgcls.tensor.NoAttrs;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.LinalgOps;
import dev.imgcls.tensor.ops.LinalgOps.MatmulAttrs;
import dev.imgcls.tensor.ops.ReduceOps;
import dev.imgcls.tensor.ops.ReduceOps.BroadcastAttrs;
import dev.imgcls.tensor.ops.ReduceOps.ReduceAttrs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.imgcls.train.doctor.Draws.normal;
import static dev.imgcls.train.doctor.Draws.scaled;
import static dev.imgcls.train.doctor.Draws.wholeNumbers;

/**
 * Self-check cases of the reductions (sum, max and its gradient, broadcast_to) and of matmul and
 * bias_add: inner, outer, all and single axes of an odd 4-D shape, a long column sum, ties for the
 * maximum, and products with odd sizes in all four transpositions, k = 1 and m = 1.
 */
final class ReduceLinalgCases {
    private static final int[] X = {3, 7, 11, 5};
    /** Axes of X to reduce: inner two, all, the last, the first. */
    private static final int[][] AXES = {{1, 2}, {}, {-1}, {0}};

    private ReduceLinalgCases() {
    }

    static List<OpCase<?>> all() {
        List<OpCase<?>> c = new ArrayList<>();
        for (int i = 0; i < AXES.length; i++) {
            ReduceAttrs a = new ReduceAttrs(AXES[i], i % 2 == 0);
            int count = reducedCount(X, a);
            c.add(OpCase.of(ReduceOps.SUM, label(a), a, Tolerances.SUM, g -> new Tensor[] {normal(g, 1 / Math.sqrt(count), X)}));
            c.add(OpCase.of(ReduceOps.MAX, label(a), a, Tolerances.IEEE, g -> new Tensor[] {normal(g, 1, X)}));
        }
        ReduceAttrs columns = new ReduceAttrs(new int[] {0}, false);
        c.add(OpCase.of(ReduceOps.SUM, label(columns), columns, Tolerances.SUM, g -> new Tensor[] {normal(g, 1 / Math.sqrt(1031), 1031, 13)}));
        ReduceAttrs rows = new ReduceAttrs(new int[] {2}, false);
        c.add(OpCase.of(ReduceOps.MAX, label(rows) + " ties", rows, Tolerances.IEEE, g -> new Tensor[] {wholeNumbers(g, 3, X)}));
        for (ReduceAttrs a : new ReduceAttrs[] {rows, new ReduceAttrs(new int[] {1, 2}, true)}) {
            // Whole numbers in [−3, 3]: several elements share a maximum and split its gradient.
            c.add(OpCase.of(ReduceOps.MAX_GRAD, label(a) + " ties", a, Tolerances.DIVISION, g -> {
                Tensor x = wholeNumbers(g, 3, X);
                Tensor y = ReduceOps.MAX.apply1(a, x);
                return new Tensor[] {x, y, normal(g, 1, y.dims())};
            }));
        }
        broadcast(c, new int[] {7, 1, 5}, X);
        broadcast(c, new int[] {13}, new int[] {3, 5, 13});
        matmul(c, 37, 67, 13);
        matmul(c, 129, 1, 33);
        matmul(c, 1, 257, 31);
        c.add(OpCase.of(LinalgOps.BIAS_ADD, "", NoAttrs.NONE, Tolerances.IEEE, g -> new Tensor[] {normal(g, 1, 3, 7, 11, 13), normal(g, 1, 13)}));
        c.add(OpCase.of(LinalgOps.BIAS_ADD, "", NoAttrs.NONE, Tolerances.IEEE, g -> new Tensor[] {normal(g, 1, 5, 1001), normal(g, 1, 1001)}));
        return c;
    }

    /** A = [m,k], B = [k,n] (B scaled by 1/√k) in all four transpositions. */
    private static void matmul(List<OpCase<?>> c, int m, int k, int n) {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                MatmulAttrs a = new MatmulAttrs(ta, tb);
                c.add(OpCase.of(LinalgOps.MATMUL, (ta ? "Aᵀ" : "A") + "·" + (tb ? "Bᵀ" : "B"), a, Tolerances.MATMUL,
                        g -> new Tensor[] {normal(g, 1, ta ? new int[] {k, m} : new int[] {m, k}), scaled(g, k, tb ? new int[] {n, k} : new int[] {k, n})}));
            }
        }
    }

    private static void broadcast(List<OpCase<?>> c, int[] from, int[] to) {
        BroadcastAttrs a = new BroadcastAttrs(Shape.of(to));
        c.add(OpCase.of(ReduceOps.BROADCAST_TO, "to " + Shapes.compact(to), a, Tolerances.DATA, g -> new Tensor[] {normal(g, 1, from)}));
    }

    private static int reducedCount(int[] dims, ReduceAttrs a) {
        int count = 1;
        for (int axis : a.resolve(Shape.of(dims))) {
            count *= dims[axis];
        }
        return count;
    }

    private static String label(ReduceAttrs a) {
        return "axes " + (a.axes().length == 0 ? "all" : Arrays.toString(a.axes()).replace(" ", "")) + (a.keepDims() ? " keep" : "");
    }
}
