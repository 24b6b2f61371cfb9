package dev.imgcls.train.doctor;

import dev.imgcls.tensor.DType;
import dev.imgcls.tensor.NoAttrs;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.LossOps;
import dev.imgcls.tensor.ops.LossOps.SoftmaxCrossEntropyAttrs;
import dev.imgcls.tensor.ops.OptimizerOps;
import dev.imgcls.tensor.ops.OptimizerOps.AdamAttrs;
import dev.imgcls.tensor.ops.OptimizerOps.MomentumAttrs;
import dev.imgcls.tensor.ops.OptimizerOps.RmsPropAttrs;

import java.util.ArrayList;
import java.util.List;

import static dev.imgcls.train.doctor.Draws.affine;
import static dev.imgcls.train.doctor.Draws.integers;
import static dev.imgcls.train.doctor.Draws.normal;
import static dev.imgcls.train.doctor.Draws.withEdges;

/**
 * Self-check cases of the losses (softmax, log_softmax, the fused cross entropy with and without
 * label smoothing, l2_loss) and the optimizer updates (momentum plain and Nesterov, Adam, RMSProp
 * plain and centered). Logits include rows around 1000, which overflow exp unless the kernel
 * subtracts the row maximum, and a single-class row; labels are INT32 and INT64 within range.
 */
final class LossOptimizerCases {
    private static final int[] X = {3, 7, 11, 5};

    private LossOptimizerCases() {
    }

    static List<OpCase<?>> all() {
        List<OpCase<?>> c = new ArrayList<>();
        for (OpDef<NoAttrs> op : List.of(LossOps.SOFTMAX, LossOps.LOG_SOFTMAX)) {
            c.add(OpCase.of(op, "", NoAttrs.NONE, Tolerances.SOFTMAX, g -> new Tensor[] {normal(g, 2, 3, 7, 13)}));
            c.add(OpCase.of(op, "logits near 1000", NoAttrs.NONE, Tolerances.SOFTMAX, g -> new Tensor[] {affine(normal(g, 1, 5, 1000), 30, 1000)}));
            c.add(OpCase.of(op, "one class", NoAttrs.NONE, Tolerances.SOFTMAX, g -> new Tensor[] {normal(g, 1, 4, 1)}));
        }
        SoftmaxCrossEntropyAttrs plain = new SoftmaxCrossEntropyAttrs(0);
        SoftmaxCrossEntropyAttrs smoothed = new SoftmaxCrossEntropyAttrs(0.1);
        c.add(OpCase.of(LossOps.SOFTMAX_CROSS_ENTROPY, "", plain, Tolerances.LOSS,
                g -> new Tensor[] {normal(g, 2, 17, 13), integers(g, 0, 13, DType.INT32, 17)}));
        c.add(OpCase.of(LossOps.SOFTMAX_CROSS_ENTROPY, "smoothing 0.1", smoothed, Tolerances.LOSS,
                g -> new Tensor[] {normal(g, 2, 17, 13), integers(g, 0, 13, DType.INT64, 17)}));
        c.add(OpCase.of(LossOps.SOFTMAX_CROSS_ENTROPY, "smoothing 0.1, logits near 1000", smoothed, Tolerances.LOSS,
                g -> new Tensor[] {affine(normal(g, 1, 3, 1001), 30, 1000), integers(g, 0, 1001, DType.INT32, 3)}));
        c.add(OpCase.of(LossOps.L2_LOSS, "", NoAttrs.NONE, Tolerances.LOSS, g -> new Tensor[] {normal(g, 1 / Math.sqrt(1155), X)}));
        c.add(OpCase.of(LossOps.L2_LOSS, "", NoAttrs.NONE, Tolerances.LOSS, g -> new Tensor[] {normal(g, 1 / Math.sqrt(7217), 1031, 7)}));

        for (boolean nesterov : new boolean[] {false, true}) {
            c.add(OpCase.of(OptimizerOps.APPLY_MOMENTUM, nesterov ? "Nesterov" : "", new MomentumAttrs(0.37, 0.9, nesterov), Tolerances.OPTIMIZER,
                    g -> new Tensor[] {normal(g, 1, X), normal(g, 0.1, X), normal(g, 1, X)}));
        }
        c.add(OpCase.of(OptimizerOps.APPLY_ADAM, "", new AdamAttrs(0.0123, 0.9, 0.999, 1e-8), Tolerances.OPTIMIZER,
                g -> new Tensor[] {normal(g, 1, X), normal(g, 0.1, X), squared(normal(g, 0.1, X)), withEdges(normal(g, 1, X), 0f)}));
        c.add(OpCase.of(OptimizerOps.APPLY_RMSPROP, "", new RmsPropAttrs(0.016, 0.9, 0.9, 1e-3, false), Tolerances.OPTIMIZER,
                g -> new Tensor[] {normal(g, 1, X), squared(normal(g, 1, X)), normal(g, 0.1, X), normal(g, 1, X)}));
        // Centered: the mean square is at least the squared mean gradient, as in a real run (else the root is of a negative).
        c.add(OpCase.of(OptimizerOps.APPLY_RMSPROP, "centered", new RmsPropAttrs(0.016, 0.9, 0.9, 1e-3, true), Tolerances.OPTIMIZER, g -> {
            Tensor meanGradient = normal(g, 0.5, X);
            Tensor meanSquare = sumOfSquares(meanGradient, normal(g, 1, X));
            return new Tensor[] {normal(g, 1, X), meanSquare, normal(g, 0.1, X), meanGradient, normal(g, 1, X)};
        }));
        return c;
    }

    private static Tensor squared(Tensor t) {
        return sumOfSquares(t, Tensor.zeros(t.dims()));
    }

    /** a² + b², on the host. */
    private static Tensor sumOfSquares(Tensor a, Tensor b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] * x[i] + y[i] * y[i];
        }
        return Tensor.of(x, a.dims());
    }
}
