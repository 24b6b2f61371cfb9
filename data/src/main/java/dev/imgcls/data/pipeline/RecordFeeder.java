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
    private volatile boolean stopped;
    private volatile Thread thread;

    /**
     * @param input opens the files; called on the feeder thread, which then owns them
     * @param shuffle the shuffle buffer, or {@code null} to keep the interleave order
     */
    RecordFeeder(Supplier<InterleavedRecords> input, ShuffleBuffer<TFRecord> shuffle, ReorderWindow window, Executor workers,
                 ExampleWorker worker) {
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
        long sequence = 0;
        InterleavedRecords records = null;
        try {
            records = input.get();
            while (!stopped) {
                TFRecord record = next(records);
                window.awaitRoom(sequence);
                if (record == null) {
                    window.complete(sequence, ExampleResult.end());
                    return;
                }
                long position = sequence++;
                workers.execute(() -> worker.process(position, record));
            }
        } catch (Throwable e) {
            if (!stopped) {
                reportFailure(sequence, e);
            }
        } finally {
            if (records != null) {
                records.close();
            }
        }
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
