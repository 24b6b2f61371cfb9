package dev.imgcls.data.pipeline;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The examples in flight between the reader and the batcher, by sequence number. Workers finish
 * them in any order; the batcher takes them strictly in sequence order, which is what makes the
 * batches independent of thread timing. The window also bounds the work in flight: position
 * {@code s} may only start once {@code s - capacity} has been taken, so its buffer is free.
 */
final class ReorderWindow {

    private final int capacity;
    private final int exampleLength;
    private final float[][] buffers;
    private final ExampleResult[] results;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition slotFreed = lock.newCondition();
    private final Condition resultArrived = lock.newCondition();
    /** The sequence number the batcher takes next. */
    private long head;

    ReorderWindow(int capacity, int exampleLength) {
        this.capacity = capacity;
        this.exampleLength = exampleLength;
        this.buffers = new float[capacity][];
        this.results = new ExampleResult[capacity];
    }

    int capacity() {
        return capacity;
    }

    /** Waits until position {@code sequence} fits in the window. */
    void awaitRoom(long sequence) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (sequence >= head + capacity) {
                slotFreed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The output buffer of a position in the window (allocated on first use, then reused). */
    float[] buffer(long sequence) {
        int slot = slot(sequence);
        lock.lock();
        try {
            if (buffers[slot] == null) {
                buffers[slot] = new float[exampleLength];
            }
            return buffers[slot];
        } finally {
            lock.unlock();
        }
    }

    /** Records the outcome of a position; its buffer writes happen-before the batcher reads them. */
    void complete(long sequence, ExampleResult result) {
        lock.lock();
        try {
            results[slot(sequence)] = result;
            if (sequence == head) {
                resultArrived.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the outcome of the next position in sequence order. */
    ExampleResult awaitHead() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            ExampleResult r;
            while ((r = results[slot(head)]) == null) {
                resultArrived.await();
            }
            return r;
        } finally {
            lock.unlock();
        }
    }

    /** The position {@link #awaitHead()} reports on. */
    long head() {
        lock.lock();
        try {
            return head;
        } finally {
            lock.unlock();
        }
    }

    /** Frees the head position (after its buffer was copied) and moves on to the next. */
    void releaseHead() {
        lock.lock();
        try {
            results[slot(head)] = null;
            head++;
            slotFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private int slot(long sequence) {
        return (int) (sequence % capacity);
    }
}
