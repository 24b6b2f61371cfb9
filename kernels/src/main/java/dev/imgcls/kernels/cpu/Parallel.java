package dev.imgcls.kernels.cpu;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The CPU backend's one fixed thread pool: {@code threads − 1} daemon workers plus the calling
 * thread. Sized to the cores, or to the system property {@code imgcls.threads}. A parallel call
 * made from inside a worker runs inline, so nested kernels cannot deadlock or oversubscribe.
 */
public final class Parallel {
    private static final int THREADS = Math.max(1, Integer.getInteger("imgcls.threads", Runtime.getRuntime().availableProcessors()));
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);
    private static final ExecutorService POOL = THREADS == 1 ? null : Executors.newFixedThreadPool(THREADS - 1, r -> {
        Thread t = new Thread(r, "imgcls-cpu-" + COUNTER.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private Parallel() {
    }

    /** Number of threads kernels split work over. */
    public static int threads() {
        return THREADS;
    }

    /** Work on the half-open range [start, end). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int start, int end);
    }

    /** Work on chunk {@code index} of {@code count}. */
    @FunctionalInterface
    public interface ChunkBody {
        void run(int index, int count);
    }

    /**
     * Splits [0, n) into at most {@link #threads()} contiguous ranges of at least {@code grain}
     * items and runs them in parallel; returns when all are done, rethrowing the first failure.
     */
    public static void forRange(int n, int grain, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int chunks = Math.max(1, Math.min(THREADS, n / Math.max(1, grain)));
        forChunks(chunks, (i, count) -> {
            long start = (long) n * i / count;
            long end = (long) n * (i + 1) / count;
            if (start < end) {
                body.run((int) start, (int) end);
            }
        });
    }

    /** Runs body(i, chunks) for i in [0, chunks) in parallel: the caller takes chunk 0. */
    public static void forChunks(int chunks, ChunkBody body) {
        if (chunks <= 1 || POOL == null || INSIDE.get()) {
            for (int i = 0; i < chunks; i++) {
                body.run(i, chunks);
            }
            return;
        }
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[chunks - 1];
        for (int i = 1; i < chunks; i++) {
            int index = i;
            futures[i - 1] = POOL.submit(() -> {
                INSIDE.set(true);
                try {
                    body.run(index, chunks);
                } finally {
                    INSIDE.set(false);
                }
            });
        }
        Throwable failure = null;
        INSIDE.set(true);
        try {
            body.run(0, chunks);
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            INSIDE.set(false);
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
            } catch (java.util.concurrent.ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        } else if (failure instanceof Error err) {
            throw err;
        } else if (failure != null) {
            throw new IllegalStateException("parallel kernel failed", failure);
        }
    }
}
