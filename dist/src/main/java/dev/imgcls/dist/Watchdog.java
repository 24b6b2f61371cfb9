package dev.imgcls.dist;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Bounds the time one blocking collective may take. A native MPI call cannot be interrupted from
 * Java, so when an operation outlives the timeout the watchdog thread hands a
 * {@link CollectiveTimeoutException} to its action, which by default prints it and halts the JVM
 * with {@link #EXIT_STATUS}: mpirun then sees a rank exit non-zero and ends the whole job, so no rank
 * waits forever.
 */
final class Watchdog implements AutoCloseable {
    /** As timeout(1): the process ended because something took too long. */
    static final int EXIT_STATUS = 124;

    private final Duration timeout;
    private final Consumer<CollectiveTimeoutException> action;
    private final Thread thread;
    private volatile String operation;
    private volatile long startedNanos;
    private volatile boolean closed;

    Watchdog(Duration timeout, Consumer<CollectiveTimeoutException> action) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("collective timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        this.action = action;
        this.thread = new Thread(this::watch, "collective-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    /** The default action: one line on stderr, as the trainer words its errors, then the process ends (no shutdown hooks: they could block on MPI). */
    static void printAndHalt(CollectiveTimeoutException e) {
        System.out.flush();
        System.err.println("error: " + e.getMessage());
        System.err.flush();
        Runtime.getRuntime().halt(EXIT_STATUS);
    }

    /** Starts timing {@code op}, described for the message. */
    void arm(String op) {
        startedNanos = System.nanoTime();
        operation = op;
    }

    void disarm() {
        operation = null;
    }

    /** The operation being timed and how long it has waited so far, e.g. "MPI_Allreduce of 5 floats on rank 1 of 2 for 1.2 s"; null when none. */
    String pending() {
        long started = startedNanos;
        String op = operation;
        return op == null ? null : String.format(Locale.ROOT, "%s for %.1f s", op, (System.nanoTime() - started) / 1e9);
    }

    private void watch() {
        long pollMillis = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
        while (!closed) {
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                return;
            }
            String op = operation;
            if (op != null && System.nanoTime() - startedNanos > timeout.toNanos() && op == operation) {
                operation = null;
                action.accept(new CollectiveTimeoutException(op + " did not complete within " + timeout.toSeconds() + " s"
                        + " (--collective_timeout_s): a rank stopped calling it or the network is down"));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
