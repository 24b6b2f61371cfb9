package dev.imgcls.dist;

/**
 * The ranks of one synchronous data-parallel job and the collective operations between them. Every
 * rank calls every operation in the same order with buffers of the same length (the MPI rule); a
 * rank that dies or stops calling makes the others fail with {@link CollectiveException} within the
 * engine's timeout instead of waiting forever.
 *
 * <p>Operations work in place on host arrays. Engines: {@code SingleProcess} (size 1, no-ops), Open
 * MPI (CPU), NCCL (GPU buffers; its own entry points).
 */
public interface Collective extends AutoCloseable {
    /** This process's rank, 0 … size − 1; rank 0 is the chief, the only one that writes the job directory. */
    int rank();

    /** How many ranks the job has. */
    int size();

    default boolean isChief() {
        return rank() == 0;
    }

    /** Replaces {@code data[offset, offset + length)} on every rank by its sum over all ranks. */
    void allReduceSum(float[] data, int offset, int length);

    /** As {@link #allReduceSum(float[], int, int)} for counts (evaluation's correct/total). */
    void allReduceSum(long[] data);

    /** Copies {@code data[offset, offset + length)} of rank {@code root} to every rank. */
    void broadcast(float[] data, int offset, int length, int root);

    /** Copies {@code data} of rank {@code root} to every rank (the step, seeds, flags). */
    void broadcast(long[] data, int root);

    /** Returns when every rank has called it. */
    void barrier();

    /**
     * The operation this rank is blocked in right now, waiting for the other ranks, and for how long
     * (e.g. "MPI_Allreduce of 10 floats on rank 0 of 2 for 1.2 s"); null when none. Safe to call from
     * any thread: a shutdown names what the rank was waiting for.
     */
    default String pendingOperation() {
        return null;
    }

    /** One line for the job's start: engine, version, rank, size and where the rank came from. */
    String describe();

    /** Leaves the job's communicator; the last call on this object. */
    @Override
    void close();
}
