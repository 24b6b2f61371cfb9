package dev.imgcls.tensor.ops;

import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Shape;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.TensorSpec;
import dev.imgcls.tensor.profile.OpKind;

/**
 * Batch normalisation over the last (channel) axis of NHWC [N,H,W,C] or dense [N,C] input, as
 * TensorFlow's FusedBatchNorm: statistics are taken over every axis but the last, the variance
 * is the biased one (divided by the sample count M = numel / C), and
 * {@code y = (x − mean) · gamma / sqrt(var + epsilon) + beta}.
 *
 * <p>TF1 details a layer has to reproduce itself: {@code tf.nn.fused_batch_norm} raises epsilon
 * to at least 1.001e-5 (a cuDNN limit), so ResNet's 1e-5 is really 1.001e-5; and the fused path
 * of {@code tf.layers.batch_normalization} (ResNet) feeds the moving variance with the
 * Bessel-corrected batch variance ({@link #besselCorrected}), while the non-fused path
 * (EfficientNet's TpuBatchNormalization) feeds it the biased one.
 */
public final class NormOps {
    private NormOps() {
    }

    public record BatchNormAttrs(double epsilon) {
        public BatchNormAttrs {
            checkEpsilon(epsilon);
        }
    }

    /** Attrs of the gradient op; training = the statistics were the batch's own (they depend on x). */
    public record BatchNormGradAttrs(double epsilon, boolean training) {
        public BatchNormGradAttrs {
            checkEpsilon(epsilon);
        }
    }

    private static void checkEpsilon(double epsilon) {
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("batch norm epsilon must be finite and >= 0, got " + epsilon);
        }
    }

    /** The three outputs of a training-mode batch norm. */
    public record TrainOutputs(Tensor y, Tensor mean, Tensor variance) {
    }

    /** Checks x is [N,C] or [N,H,W,C] and the listed per-channel tensors are [C] of x's dtype. */
    private static void checkChannels(TensorSpec[] in, int firstParam, String... names) {
        TensorSpec x = in[firstParam - 1];
        Specs.requireFloating(x, names[0]);
        int rank = x.shape().rank();
        if (rank != 2 && rank != 4) {
            throw new IllegalArgumentException(names[0] + " must be [N,C] or [N,H,W,C], got " + x.shape());
        }
        if (x.shape().dim(-1) < 1) {
            throw new IllegalArgumentException(names[0] + " has no channels: " + x.shape());
        }
        Shape channels = Shape.of(x.shape().dim(-1));
        for (int i = firstParam; i < in.length; i++) {
            Specs.requireSameDType(x, in[i]);
            if (!in[i].shape().equals(channels)) {
                throw new IllegalArgumentException(names[i - firstParam + 1] + " must have shape " + channels + " (one value per channel of "
                        + names[0] + " " + x.shape() + "), got " + in[i].shape());
            }
        }
    }

    /**
     * Inputs (x, gamma, beta); outputs (y, batch mean [C], biased batch variance [C]). The
     * statistics outputs are stop-gradient, like TF's FusedBatchNormGrad, which ignores gradients
     * flowing into the batch mean and variance: only the gradient of y reaches x, gamma, beta.
     */
    public static final OpDef<BatchNormAttrs> BATCH_NORM_TRAIN = OpDef.<BatchNormAttrs>of("batch_norm_train", 3,
            (a, in) -> {
                checkChannels(in, 1, "x", "gamma", "beta");
                if (in[0].shape().numel() == 0) {
                    throw new IllegalArgumentException("batch statistics of an empty batch " + in[0].shape());
                }
                TensorSpec stat = new TensorSpec(in[1].shape(), in[0].dtype());
                return new TensorSpec[] {in[0], stat, stat};
            },
            (a, in, out, g, needsGrad) -> {
                if (g[0] == null) {
                    return new Tensor[3];
                }
                return NormOps.BATCH_NORM_GRAD.apply(new BatchNormGradAttrs(a.epsilon(), true), g[0], in[0], in[1], out[1], out[2]);
            })
            .profiledAs(OpKind.BATCH_NORM);

    /**
     * Inputs (x, gamma, beta, moving mean, moving variance); output y normalised with the given
     * statistics. Differentiable in x, gamma and beta; the statistics get no gradient.
     */
    public static final OpDef<BatchNormAttrs> BATCH_NORM_INFER = OpDef.<BatchNormAttrs>of("batch_norm_infer", 5,
            (a, in) -> {
                checkChannels(in, 1, "x", "gamma", "beta", "moving mean", "moving variance");
                return Specs.one(in[0]);
            },
            (a, in, out, g, needsGrad) -> {
                Tensor[] d = NormOps.BATCH_NORM_GRAD.apply(new BatchNormGradAttrs(a.epsilon(), false), g[0], in[0], in[1], in[3], in[4]);
                return new Tensor[] {d[0], d[1], d[2], null, null};
            })
            .profiledAs(OpKind.BATCH_NORM);

    /**
     * Inputs (dy, x, gamma, mean, variance); outputs (dx, dgamma, dbeta). With x̂ = (x − mean)·s,
     * s = 1/sqrt(var + ε), M the sample count: dbeta = Σ dy, dgamma = Σ dy·x̂, and
     * dx = gamma·s·(dy − dbeta/M − x̂·dgamma/M) in training mode (the statistics depend on x) or
     * dx = gamma·s·dy in inference mode.
     */
    public static final OpDef<BatchNormGradAttrs> BATCH_NORM_GRAD = OpDef.<BatchNormGradAttrs>nonDifferentiable("batch_norm_grad", 5,
            (a, in) -> {
                Specs.requireSameDType(in[0], in[1]);
                if (!in[0].shape().equals(in[1].shape())) {
                    throw new IllegalArgumentException("gradient " + in[0].shape() + " differs from x " + in[1].shape());
                }
                checkChannels(in, 2, "x", "gamma", "mean", "variance");
                TensorSpec param = new TensorSpec(in[2].shape(), in[1].dtype());
                return new TensorSpec[] {in[1], param, param};
            })
            .profiledAs(OpKind.BATCH_NORM);

    /**
     * Training-mode batch norm over the last axis: normalises with the batch's own statistics and
     * returns y with the batch mean and biased variance {@code [C]}.
     * <pre>{@code NormOps.TrainOutputs bn = NormOps.batchNormTrain(x, gamma, beta, 1.001e-5); Tensor y = bn.y();}</pre>
     */
    public static TrainOutputs batchNormTrain(Tensor x, Tensor gamma, Tensor beta, double epsilon) {
        Tensor[] out = BATCH_NORM_TRAIN.apply(new BatchNormAttrs(epsilon), x, gamma, beta);
        return new TrainOutputs(out[0], out[1], out[2]);
    }

    /**
     * Inference-mode batch norm over the last axis, with the given (moving) mean and variance {@code [C]}.
     * <pre>{@code Tensor y = NormOps.batchNormInfer(x, gamma, beta, movingMean, movingVariance, 1e-3);}</pre>
     */
    public static Tensor batchNormInfer(Tensor x, Tensor gamma, Tensor beta, Tensor movingMean, Tensor movingVariance, double epsilon) {
        return BATCH_NORM_INFER.apply1(new BatchNormAttrs(epsilon), x, gamma, beta, movingMean, movingVariance);
    }

    /**
     * The TF1 moving-average step {@code moving·momentum + batchStat·(1 − momentum)}, computed as
     * TF's assign_moving_average does, {@code moving − (moving − batchStat)·(1 − momentum)}, so
     * float32 results round the same way. Runs without recording gradients; returns a new tensor.
     * <pre>{@code Tensor newMean = NormOps.updateMovingAverage(movingMean, bn.mean(), 0.99);}</pre>
     */
    public static Tensor updateMovingAverage(Tensor moving, Tensor batchStat, double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("moving-average momentum must be in [0, 1], got " + momentum);
        }
        if (!moving.shape().equals(batchStat.shape())) {
            throw new IllegalArgumentException("moving statistic " + moving.shape() + " and batch statistic " + batchStat.shape() + " differ in shape");
        }
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            return moving.sub(moving.sub(batchStat).mul(1.0 - momentum));
        }
    }

    /**
     * The unbiased variance {@code var · M/(M − 1)} from the biased one over {@code sampleCount}
     * = M samples (unchanged when M ≤ 1, as TF's fused op does). TF1's fused batch norm outputs
     * this as its batch variance, and the fused tf.layers path puts it into the moving variance.
     * <pre>{@code Tensor v = NormOps.besselCorrected(bn.variance(), NormOps.sampleCount(x));}</pre>
     */
    public static Tensor besselCorrected(Tensor biasedVariance, long sampleCount) {
        if (sampleCount < 0) {
            throw new IllegalArgumentException("negative sample count " + sampleCount);
        }
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            double factor = sampleCount > 1 ? (double) sampleCount / (sampleCount - 1) : 1.0;
            return biasedVariance.mul(factor);
        }
    }

    /**
     * M of a batch norm over x: the number of values per channel ({@code N·H·W} for NHWC).
     * <pre>{@code long m = NormOps.sampleCount(Tensor.zeros(8, 4, 4, 16)); // 128}</pre>
     */
    public static long sampleCount(Tensor x) {
        return x.numel() / Math.max(1, x.dim(-1));
    }
}
