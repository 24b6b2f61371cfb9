package dev.imgcls.nn;

/**
 * Sums values over the replicas (processes) of a data-parallel job, for batch norm with
 * statistics of the whole global batch ({@code --sync_batch_norm}). Every replica calls it in the
 * same order with arrays of the same length; the trainer backs it with its collective engine.
 */
public interface CrossReplicaSum {
    /** How many replicas share a global batch; each holds the same number of its rows. */
    int replicas();

    /** Replaces every element of {@code values} by its sum over the replicas. */
    void sumInPlace(float[] values);
}
