package dev.imgcls.train.command;

import dev.imgcls.train.loop.StopRequest;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns a shutdown of the JVM (SIGTERM, SIGINT) during training into a stop request: the hook
 * asks the job to stop after its current step and holds the shutdown until the job has saved its
 * checkpoint and returned (at most {@value #GRACE_SECONDS} s, within the 30 s to minutes a
 * preempted cloud VM gets).
 */
final class ShutdownStop implements StopRequest, AutoCloseable {
    static final long GRACE_SECONDS = 120;

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    private ShutdownStop() {
        this.hook = new Thread(() -> {
            requested = true;
            System.err.println("shutting down: stopping after the current training step with a checkpoint");
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "imgcls-shutdown");
    }

    static ShutdownStop install() {
        ShutdownStop stop = new ShutdownStop();
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
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
