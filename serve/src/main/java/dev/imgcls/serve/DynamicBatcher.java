package dev.imgcls.serve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs preprocessed images from concurrent requests through the network together: one thread takes
 * the first waiting image, gathers more until {@code maxBatchSize} or until {@code batchTimeoutMicros}
 * have passed, runs them as one batch and completes each image's future. One batch at a time, so
 * the network's own worker threads have the CPUs. Each image goes through the predictor that
 * preprocessed it: after a reload, a batch ends where the images of the new model begin.
 */
final class DynamicBatcher implements AutoCloseable {
    /** One image: its pixels at {@code pixels[offset ..]}, the predictor they are for and the future of its probabilities. */
    private record Item(Predictor predictor, float[] pixels, int offset, CompletableFuture<float[]> result) {
    }

    private static final Item STOP = new Item(null, new float[0], 0, new CompletableFuture<>());

    private final int maxBatchSize;
    private final long timeoutNanos;
    private final ServeMetrics metrics;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    DynamicBatcher(int maxBatchSize, long batchTimeoutMicros, ServeMetrics metrics) {
        this.maxBatchSize = maxBatchSize;
        this.timeoutNanos = TimeUnit.MICROSECONDS.toNanos(batchTimeoutMicros);
        this.metrics = metrics;
        this.thread = new Thread(this::loop, "imgcls-serve-batcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code n} images that {@code predictor} preprocessed into {@code pixels}; one future per image, in order. */
    List<CompletableFuture<float[]>> submit(Predictor predictor, float[] pixels, int n) {
        int per = predictor.pixelsPerImage();
        List<CompletableFuture<float[]>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CompletableFuture<float[]> f = new CompletableFuture<>();
            futures.add(f);
            if (closed) {
                f.completeExceptionally(new IllegalStateException("the server is shutting down"));
            } else {
                queue.add(new Item(predictor, pixels, i * per, f));
            }
        }
        return futures;
    }

    private void loop() {
        List<Item> batch = new ArrayList<>(maxBatchSize);
        boolean stopping = false;
        Item heldOver = null;
        while (!stopping) {
            Item first = heldOver;
            heldOver = null;
            try {
                first = first != null ? first : queue.take();
            } catch (InterruptedException e) {
                break;
            }
            if (first == STOP) {
                break;
            }
            batch.add(first);
            long deadline = System.nanoTime() + timeoutNanos;
            while (batch.size() < maxBatchSize) {
                long left = deadline - System.nanoTime();
                Item next;
                try {
                    next = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    stopping = true;
                    break;
                }
                if (next == null) {
                    break;
                }
                if (next == STOP) {
                    stopping = true;
                    break;
                }
                if (next.predictor() != first.predictor()) {
                    heldOver = next;
                    break;
                }
                batch.add(next);
            }
            run(batch);
            batch.clear();
        }
        if (heldOver != null && heldOver != STOP) {
            heldOver.result().completeExceptionally(new IllegalStateException("the server is shutting down"));
        }
        for (Item left : queue) {
            left.result().completeExceptionally(new IllegalStateException("the server is shutting down"));
        }
    }

    private void run(List<Item> batch) {
        int n = batch.size();
        Predictor predictor = batch.get(0).predictor();
        int per = predictor.pixelsPerImage();
        int k = predictor.numClasses();
        try {
            float[] pixels = new float[n * per];
            for (int i = 0; i < n; i++) {
                Item item = batch.get(i);
                System.arraycopy(item.pixels(), item.offset(), pixels, i * per, per);
            }
            float[] probabilities = predictor.probabilities(pixels, n);
            metrics.batch(n);
            for (int i = 0; i < n; i++) {
                batch.get(i).result().complete(Arrays.copyOfRange(probabilities, i * k, (i + 1) * k));
            }
        } catch (RuntimeException | Error e) {
            // A failed batch fails its own requests, never the thread that serves the next ones.
            for (Item item : batch) {
                item.result().completeExceptionally(e);
            }
        }
    }

    /** Stops after the batch in progress; images still queued fail with "shutting down". */
    @Override
    public void close() {
        closed = true;
        queue.add(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
