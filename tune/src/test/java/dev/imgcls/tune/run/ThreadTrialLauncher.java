package dev.imgcls.tune.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs each "trial" as a thread of the test JVM: fast, and lets a test see every request and the concurrency. */
final class ThreadTrialLauncher implements TrialLauncher {

    /** What a fake training run does; returns its exit code. Interrupted when the runner stops it. */
    interface Behaviour {
        int run(TrialRequest request) throws Exception;
    }

    /** The exit code of a run the runner stopped (what a JVM killed by SIGTERM reports). */
    static final int STOPPED_EXIT = 143;

    private final Behaviour behaviour;
    private final List<TrialRequest> requests = new ArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();

    ThreadTrialLauncher(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    synchronized List<TrialRequest> requests() {
        return new ArrayList<>(requests);
    }

    int maxConcurrent() {
        return maxRunning.get();
    }

    @Override
    public TrialProcess start(TrialRequest request) {
        synchronized (this) {
            requests.add(request);
        }
        AtomicInteger exit = new AtomicInteger(-1);
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        Thread t = new Thread(() -> {
            int code;
            try {
                code = behaviour.run(request);
            } catch (InterruptedException e) {
                code = STOPPED_EXIT;
            } catch (Exception e) {
                code = 1;
            }
            exit.set(code);
            running.decrementAndGet();
        }, "fake-trial-" + request.trialId());
        t.start();
        return new TrialProcess() {
            @Override
            public boolean isAlive() {
                return t.isAlive();
            }

            @Override
            public int exitCode() {
                return exit.get();
            }

            @Override
            public void requestStop() {
                t.interrupt();
            }

            @Override
            public void forceStop() {
                t.interrupt();
            }

            @Override
            public long pid() {
                return -1;
            }

            @Override
            public Optional<Instant> startInstant() {
                return Optional.empty();
            }
        };
    }
}
