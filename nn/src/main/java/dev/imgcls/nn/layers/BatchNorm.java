package dev.imgcls.nn.layers;

import dev.imgcls.nn.Mode;
import dev.imgcls.nn.Variable;
import dev.imgcls.nn.VariableStore;
import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.NormOps;

/**
 * Batch normalisation over the last (channel) axis. Training normalises with the batch mean and
 * biased variance and then moves the moving statistics by {@code m ← m·momentum + b·(1−momentum)};
 * evaluation normalises with the moving statistics.
 *
 * <p>Which variance feeds the moving average differs between the reference models, because TF1
 * differs between its two batch-norm paths: ResNet's fused {@code tf.layers} batch norm keeps
 * Bessel's correction in the moving variance ({@code _bessels_correction_test_only = True}: the
 * fused kernel's unbiased batch variance is used as is), EfficientNet's non-fused
 * {@code TpuBatchNormalization} uses the biased moments.
 *
 * <p>When the mode carries a {@link dev.imgcls.nn.CrossReplicaSum} (data-parallel training with
 * {@code --sync_batch_norm}) the batch statistics are the global batch's ({@link SynchronizedBatchNorm})
 * and the Bessel correction counts the global batch's values.
 */
public final class BatchNorm {
    /** Momentum, epsilon and variance convention of a model family. */
    public record Config(String layerName, double momentum, double epsilon, boolean besselCorrectedMovingVariance) {
    }

    private final Config config;
    private final Variable gamma;
    private final Variable beta;
    private final Variable movingMean;
    private final Variable movingVariance;

    public BatchNorm(VariableStore store, Config config, int channels, boolean zeroGamma) {
        this.config = config;
        String layer = store.uniqueLayerName(config.layerName());
        this.gamma = store.create(layer, "gamma", Variable.Role.GAMMA, zeroGamma ? Tensor.zeros(channels) : Tensor.ones(channels));
        this.beta = store.create(layer, "beta", Variable.Role.BETA, Tensor.zeros(channels));
        this.movingMean = store.create(layer, "moving_mean", Variable.Role.MOVING_MEAN, Tensor.zeros(channels));
        this.movingVariance = store.create(layer, "moving_variance", Variable.Role.MOVING_VARIANCE, Tensor.ones(channels));
    }

    public Tensor forward(Tensor x, Mode mode) {
        if (!mode.training()) {
            return NormOps.batchNormInfer(x, gamma.value(), beta.value(), movingMean.value(), movingVariance.value(), config.epsilon());
        }
        Tensor y;
        Tensor mean;
        Tensor biasedVariance;
        long sampleCount;
        if (mode.batchStatisticsAcross() != null) {
            SynchronizedBatchNorm.Outputs out = SynchronizedBatchNorm.train(x, gamma.value(), beta.value(), config.epsilon(),
                    mode.batchStatisticsAcross());
            y = out.y();
            mean = out.mean();
            biasedVariance = out.variance();
            sampleCount = out.sampleCount();
        } else {
            NormOps.TrainOutputs out = NormOps.batchNormTrain(x, gamma.value(), beta.value(), config.epsilon());
            y = out.y();
            mean = out.mean();
            biasedVariance = out.variance();
            sampleCount = NormOps.sampleCount(x);
        }
        try (Autograd.Scope ng = Autograd.noGrad()) {
            Tensor variance = config.besselCorrectedMovingVariance() ? NormOps.besselCorrected(biasedVariance, sampleCount) : biasedVariance;
            replace(movingMean, NormOps.updateMovingAverage(movingMean.value(), mean, config.momentum()));
            replace(movingVariance, NormOps.updateMovingAverage(movingVariance.value(), variance, config.momentum()));
        }
        return y;
    }

    /**
     * Assigns the new moving statistic and releases the old one, which no scope owns: left to the
     * garbage collector it would free host memory, but device memory only goes back on release.
     */
    private static void replace(Variable moving, Tensor newValue) {
        Tensor old = moving.value();
        moving.assign(newValue);
        old.release();
    }
}
