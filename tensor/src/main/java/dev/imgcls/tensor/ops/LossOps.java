package dev.imgcls.tensor.ops;

import dev.imgcls.tensor.NoAttrs;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.TensorSpec;
import dev.imgcls.tensor.profile.OpKind;

/**
 * Softmax, log-softmax, the fused softmax cross entropy with label smoothing and l2_loss, with
 * TF1's definitions. Kernels subtract the row maximum before exponentiating, so large logits
 * neither overflow nor lose the loss.
 */
public final class LossOps {
    private LossOps() {
    }

    /** Label smoothing ls in [0, 1): targets = onehot·(1 − ls) + ls/C, as tf.losses.softmax_cross_entropy. */
    public record SoftmaxCrossEntropyAttrs(double labelSmoothing) {
        public SoftmaxCrossEntropyAttrs {
            if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
                throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + labelSmoothing);
            }
        }
    }

    private static TensorSpec[] lastAxisShape(NoAttrs a, TensorSpec[] in) {
        Specs.requireFloating(in[0], "logits");
        if (in[0].shape().rank() < 1 || in[0].shape().dim(-1) < 1) {
            throw new IllegalArgumentException("logits need a non-empty last axis, got shape " + in[0].shape());
        }
        return Specs.one(in[0]);
    }

    /** softmax over the last axis. Backward: dx = y·(g − Σ g·y). */
    public static final OpDef<NoAttrs> SOFTMAX = OpDef.<NoAttrs>of("softmax", 1, LossOps::lastAxisShape,
            (a, in, out, g, needsGrad) -> {
                Tensor gy = g[0].mul(out[0]);
                return new Tensor[] {gy.sub(out[0].mul(ReduceOps.sum(gy, true, -1)))};
            })
            .profiledAs(OpKind.LOSS);

    /** log-softmax over the last axis. Backward: dx = g − softmax(x)·Σ g. */
    public static final OpDef<NoAttrs> LOG_SOFTMAX = OpDef.<NoAttrs>of("log_softmax", 1, LossOps::lastAxisShape,
            (a, in, out, g, needsGrad) -> new Tensor[] {g[0].sub(softmax(in[0]).mul(ReduceOps.sum(g[0], true, -1)))})
            .profiledAs(OpKind.LOSS);

    /**
     * Inputs (logits [N,C] float, labels [N] INT32/INT64 class indices); outputs (loss [N],
     * backprop [N,C] = softmax(logits) − targets), like TF's SoftmaxCrossEntropyWithLogits. A
     * label outside [0, C) makes the kernel throw IllegalArgumentException naming the row.
     * Backward: dlogits = g_loss[:, None]·backprop, plus, when a gradient reaches the backprop
     * output, its pull-back through the softmax p·(g_bp − Σ g_bp·p); labels get none.
     */
    public static final OpDef<SoftmaxCrossEntropyAttrs> SOFTMAX_CROSS_ENTROPY = OpDef.<SoftmaxCrossEntropyAttrs>of("softmax_cross_entropy", 2,
            (a, in) -> {
                Specs.requireFloating(in[0], "logits");
                Specs.requireRank(in[0], 2, "logits");
                Specs.requireInteger(in[1], "labels");
                Specs.requireRank(in[1], 1, "labels");
                int n = in[0].shape().dim(0);
                if (in[1].shape().dim(0) != n) {
                    throw new IllegalArgumentException("labels " + in[1].shape() + " must have one entry per logits row " + in[0].shape());
                }
                if (in[0].shape().dim(1) < 1) {
                    throw new IllegalArgumentException("logits need at least one class, got shape " + in[0].shape());
                }
                return new TensorSpec[] {new TensorSpec(Shape.of(n), in[0].dtype()), in[0]};
            },
            (a, in, out, g, needsGrad) -> {
                Tensor d = null;
                if (g[0] != null) {
                    d = out[1].mul(ShapeOps.reshape(g[0], g[0].numel(), 1));
                }
                if (g[1] != null) {
                    Tensor p = softmax(in[0]);
                    Tensor gp = g[1].mul(p);
                    Tensor viaBackprop = gp.sub(p.mul(ReduceOps.sum(gp, true, -1)));
                    d = d == null ? viaBackprop : d.add(viaBackprop);
                }
                return new Tensor[] {d, null};
            })
            .profiledAs(OpKind.LOSS);

    /** Σ x² / 2 over all elements, a scalar (tf.nn.l2_loss). Backward: g·x. */
    public static final OpDef<NoAttrs> L2_LOSS = OpDef.<NoAttrs>of("l2_loss", 1,
            (a, in) -> {
                Specs.requireFloating(in[0], "input");
                return Specs.one(new TensorSpec(Shape.SCALAR, in[0].dtype()));
            },
            (a, in, out, g, needsGrad) -> new Tensor[] {in[0].mul(g[0])})
            .profiledAs(OpKind.LOSS);

    /**
     * Softmax over the last axis (rows sum to 1), stable for large logits.
     * <pre>{@code float[] probs = LossOps.softmax(logits).toFloatArray();}</pre>
     */
    public static Tensor softmax(Tensor logits) {
        return SOFTMAX.apply1(NoAttrs.NONE, logits);
    }

    /**
     * {@code log(softmax(logits))} over the last axis, computed without overflow.
     * <pre>{@code Tensor logP = LossOps.logSoftmax(logits);}</pre>
     */
    public static Tensor logSoftmax(Tensor logits) {
        return LOG_SOFTMAX.apply1(NoAttrs.NONE, logits);
    }

    /**
     * Per-example losses {@code [N]} for logits {@code [N, C]} and integer class labels {@code [N]}
     * (output 0 of {@link #SOFTMAX_CROSS_ENTROPY}).
     * <pre>{@code Tensor perExample = LossOps.softmaxCrossEntropy(logits, Tensor.ofInts(new int[] {3, 0}, 2), 0.0);}</pre>
     */
    public static Tensor softmaxCrossEntropy(Tensor logits, Tensor labels, double labelSmoothing) {
        return SOFTMAX_CROSS_ENTROPY.apply(new SoftmaxCrossEntropyAttrs(labelSmoothing), logits, labels)[0];
    }

    /**
     * The batch-mean loss, a scalar: tf.losses.softmax_cross_entropy's default reduction.
     * <pre>{@code LossOps.softmaxCrossEntropyMean(logits, labels, 0.1).backward();}</pre>
     */
    public static Tensor softmaxCrossEntropyMean(Tensor logits, Tensor labels, double labelSmoothing) {
        if (logits.rank() == 2 && logits.dim(0) == 0) {
            throw new IllegalArgumentException("softmaxCrossEntropyMean of an empty batch " + logits.shape());
        }
        return ReduceOps.mean(softmaxCrossEntropy(logits, labels, labelSmoothing), false);
    }

    /**
     * {@code Σ x² / 2} over all elements, a scalar (tf.nn.l2_loss), for weight decay.
     * <pre>{@code Tensor decay = LossOps.l2Loss(w).mul(1e-4);}</pre>
     */
    public static Tensor l2Loss(Tensor x) {
        return L2_LOSS.apply1(NoAttrs.NONE, x);
    }
}
