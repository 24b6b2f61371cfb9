package dev.imgcls.train.loop;

import dev.imgcls.dist.Collective;
import dev.imgcls.dist.CollectiveException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * N ranks as N threads of one JVM, for tests of the trainer's data parallelism: each operation
 * puts the rank's buffer on a shared board, waits for every rank, and each rank then computes the
 * result itself, summing in rank order, so every rank gets the same bits and runs repeat exactly.
 * A rank that fails calls {@link #abort()}, which makes the others fail instead of waiting; a rank
 * that never comes makes them fail after {@link #TIMEOUT_SECONDS}.
 */
final class ThreadCollective implements Collective {
    static final long TIMEOUT_SECONDS = 120;

    /** What the ranks of one group share. */
    private static final class Board {
        final CyclicBarrier barrier;
        final Object[] slots;

        Board(int size) {
            this.barrier = new CyclicBarrier(size);
            this.slots = new Object[size];
        }
    }

    private final Board board;
    private final int rank;
    private final int size;

    private ThreadCollective(Board board, int rank, int size) {
        this.board = board;
        this.rank = rank;
        this.size = size;
    }

    /** The {@code size} ranks of a new group; give each to its own thread. */
    static List<ThreadCollective> group(int size) {
        Board board = new Board(size);
        List<ThreadCollective> ranks = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            ranks.add(new ThreadCollective(board, r, size));
        }
        return ranks;
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void allReduceSum(float[] data, int offset, int length) {
        board.slots[rank] = Arrays.copyOfRange(data, offset, offset + length);
        await("allReduceSum(float[" + length + "])");
        float[] sum = new float[length];
        for (int r = 0; r < size; r++) {
            float[] part = (float[]) board.slots[r];
            checkLength(r, part.length, length);
            for (int i = 0; i < length; i++) {
                sum[i] += part[i];
            }
        }
        await("allReduceSum, reading");
        System.arraycopy(sum, 0, data, offset, length);
    }

    @Override
    public void allReduceSum(long[] data) {
        board.slots[rank] = data.clone();
        await("allReduceSum(long[" + data.length + "])");
        long[] sum = new long[data.length];
        for (int r = 0; r < size; r++) {
            long[] part = (long[]) board.slots[r];
            checkLength(r, part.length, data.length);
            for (int i = 0; i < data.length; i++) {
                sum[i] += part[i];
            }
        }
        await("allReduceSum, reading");
        System.arraycopy(sum, 0, data, 0, data.length);
    }

    @Override
    public void broadcast(float[] data, int offset, int length, int root) {
        board.slots[rank] = Arrays.copyOfRange(data, offset, offset + length);
        await("broadcast(float[" + length + "])");
        float[] source = (float[]) board.slots[root];
        checkLength(root, source.length, length);
        await("broadcast, reading");
        System.arraycopy(source, 0, data, offset, length);
    }

    @Override
    public void broadcast(long[] data, int root) {
        board.slots[rank] = data.clone();
        await("broadcast(long[" + data.length + "])");
        long[] source = (long[]) board.slots[root];
        checkLength(root, source.length, data.length);
        await("broadcast, reading");
        System.arraycopy(source, 0, data, 0, data.length);
    }

    @Override
    public void barrier() {
        await("barrier");
    }

    /** Makes every rank waiting now or later fail: for a rank whose job failed. */
    void abort() {
        board.barrier.reset();
    }

    private void checkLength(int other, int theirs, int mine) {
        if (theirs != mine) {
            throw new CollectiveException("rank " + rank + " called with " + mine + " elements, rank " + other + " with " + theirs);
        }
    }

    private void await(String what) {
        try {
            board.barrier.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollectiveException("rank " + rank + " interrupted in " + what, e);
        } catch (BrokenBarrierException | TimeoutException e) {
            board.barrier.reset();
            throw new CollectiveException("rank " + rank + " of " + size + ": another rank failed or did not come to " + what, e);
        }
    }

    @Override
    public String describe() {
        return "threads of one JVM: rank " + rank + " of " + size;
    }

    @Override
    public void close() {
    }
}
