package dev.imgcls.data.pipeline;

import dev.imgcls.data.tfrecord.TFRecord;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The feeder thread: takes records from the interleaved files (through the shuffle buffer when
 * training), numbers them in that order and hands them to the workers, never more than the reorder
 * window holds. A read error takes the next number, so the consumer receives it right after the
 * examples before it; an input that ends (single pass) is marked the same way.
 */
final class RecordFeeder implements Runnable {

    private final Supplier<InterleavedRecords> input;
    private final ShuffleBuffer<TFRecord> shuffle;
    private final ReorderWindow window;
    private final Executor workers;
    private final ExampleWorker worker;
    private final int batchSize;
    private final int sliceIndex;
    private final int sliceCount;
    private volatile boolean stopped;
    private volatile Thread thread;

    /**
     * @param input opens the files; called on the feeder thread, which then owns them
     * @param shuffle the shuffle buffer, or {@code null} to keep the interleave order
     * @param batchSize the whole batch, of which only rows of slice {@code sliceIndex} of {@code sliceCount} are decoded
     */
    RecordFeeder(Supplier<InterleavedRecords> input, ShuffleBuffer<TFRecord> shuffle, ReorderWindow window, Executor workers,
                 ExampleWorker worker, int batchSize, int sliceIndex, int sliceCount) {
        this.batchSize = batchSize;
        this.sliceIndex = sliceIndex;
        this.sliceCount = sliceCount;
        this.input = input;
        this.shuffle = shuffle;
        this.window = window;
        this.workers = workers;
        this.worker = worker;
    }

    /** Makes the feeder finish soon, leaving whatever it was waiting for. */
    void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        if (stopped) {
            return;
        }
        long sequence = 0; // records taken, numbered as the whole (unsliced) pipeline numbers them
        long position = 0; // examples this slice decodes: the window's numbering
        InterleavedRecords records = null;
        try {
            records = input.get();
            while (!stopped) {
                TFRecord record = next(records);
                if (record != null && !inSlice(sequence)) {
                    sequence++;
                    continue;
                }
                window.awaitRoom(position);
                if (record == null) {
                    window.complete(position, ExampleResult.end());
                    return;
                }
                long slot = position++;
                long number = sequence++;
                workers.execute(() -> worker.process(slot, number, record));
            }
        } catch (Throwable e) {
            if (!stopped) {
                reportFailure(position, e);
            }
        } finally {
            if (records != null) {
                records.close();
            }
        }
    }

    private boolean inSlice(long sequence) {
        if (sliceCount == 1) {
            return true;
        }
        long row = sequence % batchSize;
        long rows = batchSize / sliceCount;
        return row / rows == sliceIndex;
    }

    private TFRecord next(InterleavedRecords records) throws Exception {
        if (shuffle == null) {
            return records.next();
        }
        while (!shuffle.isFull()) {
            TFRecord r = records.next();
            if (r == null) {
                break;
            }
            shuffle.add(r);
        }
        return shuffle.isEmpty() ? null : shuffle.takeRandom();
    }

    private void reportFailure(long sequence, Throwable e) {
        try {
            window.awaitRoom(sequence);
            window.complete(sequence, ExampleResult.failed(e instanceof Exception ex ? ex : new RuntimeException(e)));
        } catch (InterruptedException stopping) {
            // Closed while waiting to report: nobody is left to read it.
        }
    }
}
