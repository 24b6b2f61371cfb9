package dev.imgcls.train.doctor;

import dev.imgcls.tensor.NoAttrs;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.ElementwiseOps;

import java.util.ArrayList;
import java.util.List;

import static dev.imgcls.train.doctor.Draws.awayFromZero;
import static dev.imgcls.train.doctor.Draws.logUniform;
import static dev.imgcls.train.doctor.Draws.normal;
import static dev.imgcls.train.doctor.Draws.uniform;
import static dev.imgcls.train.doctor.Draws.withEdges;

/**
 * Self-check cases of the elementwise ops and their activation gradients: an odd 4-D shape
 * ([3,7,11,5], no size a multiple of a warp), broadcasts from both sides, and edge values where
 * an op has them (zeros, large magnitudes, overflow-adjacent exponents).
 */
final class ElementwiseCases {
    private static final int[] X = {3, 7, 11, 5};
    /** A length past one thread block that is no multiple of 32 (a tail for vector loops and grids). */
    private static final int[] LONG = {4099};

    private ElementwiseCases() {
    }

    static List<OpCase<?>> all() {
        List<OpCase<?>> c = new ArrayList<>();
        binary(c, ElementwiseOps.ADD, Tolerances.IEEE);
        binary(c, ElementwiseOps.SUB, Tolerances.IEEE);
        binary(c, ElementwiseOps.MUL, Tolerances.IEEE);
        for (int[][] shapes : new int[][][] {{X, X}, {{3, 1, 11, 5}, {7, 1, 5}}}) {
            c.add(OpCase.of(ElementwiseOps.DIV, shapes[0] == X ? "" : "broadcast", NoAttrs.NONE, Tolerances.DIVISION,
                    g -> new Tensor[] {normal(g, 1, shapes[0]), awayFromZero(g, 0.05, 20, shapes[1])}));
        }
        unary(c, ElementwiseOps.NEG, Tolerances.IEEE, "with ±0", g -> withEdges(normal(g, 1, X), 0f, -0f));
        unary(c, ElementwiseOps.IDENTITY, Tolerances.DATA, "", g -> normal(g, 1, X));
        unary(c, ElementwiseOps.RELU, Tolerances.IEEE, "with ±0", g -> withEdges(normal(g, 1, X), 0f, -0f));
        unary(c, ElementwiseOps.RELU, Tolerances.IEEE, "", g -> normal(g, 1, LONG));
        unary(c, ElementwiseOps.SQUARE, Tolerances.IEEE, "", g -> normal(g, 3, X));
        unary(c, ElementwiseOps.SIGMOID, Tolerances.TRANSCENDENTAL, "with ±30", g -> withEdges(normal(g, 3, X), 0f, 30f, -30f));
        unary(c, ElementwiseOps.TANH, Tolerances.TRANSCENDENTAL, "with ±20", g -> withEdges(normal(g, 2, X), 0f, 20f, -20f));
        unary(c, ElementwiseOps.SWISH, Tolerances.TRANSCENDENTAL, "with ±30", g -> withEdges(normal(g, 3, X), 0f, 30f, -30f));
        unary(c, ElementwiseOps.GELU, Tolerances.TRANSCENDENTAL, "with ±10", g -> withEdges(normal(g, 3, X), 0f, 10f, -10f));
        unary(c, ElementwiseOps.EXP, Tolerances.TRANSCENDENTAL, "with ±80, 88", g -> withEdges(normal(g, 3, X), 0f, 80f, -80f, 88f));
        unary(c, ElementwiseOps.EXP, Tolerances.TRANSCENDENTAL, "", g -> normal(g, 1, LONG));
        unary(c, ElementwiseOps.LOG, Tolerances.TRANSCENDENTAL, "positive, with 1", g -> withEdges(logUniform(g, 1e-6, 1e6, X), 1f));
        unary(c, ElementwiseOps.SQRT, Tolerances.ROOTS, "positive, with 0", g -> withEdges(logUniform(g, 1e-6, 1e6, X), 0f));
        unary(c, ElementwiseOps.RSQRT, Tolerances.ROOTS, "positive", g -> logUniform(g, 1e-6, 1e6, X));
        gradient(c, ElementwiseOps.RELU_GRAD, Tolerances.IEEE, g -> withEdges(normal(g, 1, X), 0f));
        gradient(c, ElementwiseOps.SIGMOID_GRAD, Tolerances.TRANSCENDENTAL, g -> uniform(g, 0, 1, X));
        gradient(c, ElementwiseOps.TANH_GRAD, Tolerances.TRANSCENDENTAL, g -> uniform(g, -1, 1, X));
        gradient(c, ElementwiseOps.SWISH_GRAD, Tolerances.TRANSCENDENTAL, g -> withEdges(normal(g, 3, X), 0f, 30f, -30f));
        gradient(c, ElementwiseOps.GELU_GRAD, Tolerances.TRANSCENDENTAL, g -> withEdges(normal(g, 3, X), 0f, 10f, -10f));
        return c;
    }

    /** Same shapes, a bias-like broadcast and a broadcast from both sides with a rank difference. */
    private static void binary(List<OpCase<?>> c, OpDef<NoAttrs> op, Tolerance tol) {
        for (int[][] shapes : new int[][][] {{X, X}, {X, {5}}, {{3, 1, 11, 5}, {7, 1, 5}}}) {
            c.add(OpCase.of(op, shapes[0] == shapes[1] ? "" : "broadcast", NoAttrs.NONE, tol,
                    g -> new Tensor[] {normal(g, 1, shapes[0]), normal(g, 1, shapes[1])}));
        }
    }

    private static void unary(List<OpCase<?>> c, OpDef<NoAttrs> op, Tolerance tol, String label, Draws.Draw x) {
        c.add(OpCase.of(op, label, NoAttrs.NONE, tol, g -> new Tensor[] {x.draw(g)}));
    }

    /** A gradient helper (g, saved tensor) with the saved tensor drawn as the forward op would leave it. */
    private static void gradient(List<OpCase<?>> c, OpDef<NoAttrs> op, Tolerance tol, Draws.Draw saved) {
        c.add(OpCase.of(op, "", NoAttrs.NONE, tol, g -> new Tensor[] {normal(g, 1, X), saved.draw(g)}));
    }
}
