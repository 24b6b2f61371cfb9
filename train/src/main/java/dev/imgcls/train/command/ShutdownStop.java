package dev.imgcls.train.command;

import dev.imgcls.dist.Collective;
import dev.imgcls.train.loop.StopRequest;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns a shutdown of the JVM (SIGTERM, SIGINT) during training into a stop request: the hook
 * asks the job to stop after its current step and holds the shutdown until the job has saved its
 * checkpoint and returned (at most {@value #GRACE_SECONDS} s, within the 30 s to minutes a
 * preempted cloud VM gets).
 *
 * <p>With several ranks the signal may come from the launcher ending the job because another rank
 * died: this rank is then blocked in a collective operation that cannot complete, and the launcher
 * kills it shortly after (mpirun: 1 s). Its line says what it was waiting for instead of promising a
 * checkpoint it cannot save.
 */
final class ShutdownStop implements StopRequest, AutoCloseable {
    static final long GRACE_SECONDS = 120;

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    private ShutdownStop(Collective collective) {
        this.hook = new Thread(() -> {
            requested = true;
            System.err.println(line(collective.pendingOperation()));
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "imgcls-shutdown");
    }

    /** @param collective the job's ranks, asked at shutdown what this rank is waiting for */
    static ShutdownStop install(Collective collective) {
        ShutdownStop stop = new ShutdownStop(collective);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** @param pending the collective operation the rank is blocked in (see {@link Collective#pendingOperation()}), or null */
    static String line(String pending) {
        return pending == null ? "shutting down: stopping after the current training step with a checkpoint"
                : "shutting down while waiting for the other ranks (" + pending + "): a checkpoint follows this step only if every rank"
                        + " finishes it; the launcher names a rank that failed";
    }

    @Override
    public boolean shouldStop(long step) {
        return requested;
    }

    /** The job returned: let a pending shutdown go on, and drop the hook when there is none. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook is running and has just been released.
        }
    }
}
