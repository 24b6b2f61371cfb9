package dev.imgcls.data.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names the threads of one pipeline {@code imgcls-input-<id>-<role>-<n>} (so a thread dump shows
 * which pipeline and stage each belongs to) and makes them daemons, so a consumer that forgets
 * {@code close()} cannot keep the JVM alive.
 */
final class PipelineThreads {

    static final String PREFIX = "imgcls-input-";
    private static final AtomicInteger PIPELINES = new AtomicInteger();

    private final String prefix;
    private final List<Thread> created = new ArrayList<>();

    PipelineThreads() {
        this.prefix = PREFIX + PIPELINES.incrementAndGet() + "-";
    }

    /** The common start of every thread name of this pipeline. */
    String prefix() {
        return prefix;
    }

    ThreadFactory factory(String role) {
        AtomicInteger count = new AtomicInteger();
        return task -> newThread(role + "-" + count.getAndIncrement(), task);
    }

    Thread newThread(String role, Runnable task) {
        Thread t = new Thread(task, prefix + role);
        t.setDaemon(true);
        synchronized (created) {
            created.add(t);
        }
        return t;
    }

    /**
     * Waits until every thread made here has ended (an executor reports termination slightly before
     * its last thread is gone). Returns false if some are still alive after {@code timeout}.
     */
    boolean joinAll(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        List<Thread> threads;
        synchronized (created) {
            threads = List.copyOf(created);
        }
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(t, left);
            }
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }
}
