package dev.imgcls.nn;

import dev.imgcls.tensor.Generator;

import java.util.Objects;

/**
 * How a forward pass runs: training (batch statistics, moving-average updates, dropout and
 * drop-connect drawn from {@code generator}) or evaluation (moving statistics, no randomness).
 * Training without a generator keeps batch statistics but turns dropout and drop-connect off,
 * for checks that need a deterministic training-mode pass. With {@code batchStatisticsAcross}
 * (data-parallel training with synchronized batch norm) the batch statistics are those of the
 * global batch, summed over the replicas; null keeps each replica's own.
 */
public record Mode(boolean training, Generator generator, CrossReplicaSum batchStatisticsAcross) {
    public static final Mode EVAL = new Mode(false, null, null);

    public Mode(boolean training, Generator generator) {
        this(training, generator, null);
    }

    public static Mode trainWithoutDropout() {
        return new Mode(true, null);
    }

    /** Whether dropout and drop-connect are active. */
    public boolean stochastic() {
        return training && generator != null;
    }

    public static Mode train(Generator generator) {
        if (generator == null) {
            throw new IllegalArgumentException("training mode needs a generator for dropout and drop-connect");
        }
        return new Mode(true, generator);
    }

    /** This training mode with batch statistics of the global batch, summed by {@code sum}. */
    public Mode withSynchronizedBatchStatistics(CrossReplicaSum sum) {
        if (!training) {
            throw new IllegalStateException("evaluation uses moving statistics; there are no batch statistics to synchronize");
        }
        return new Mode(true, generator, Objects.requireNonNull(sum));
    }
}
