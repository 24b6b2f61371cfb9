package dev.imgcls.tune.run;

import java.time.Instant;
import java.util.Optional;

/** A running (or finished) trial training run, as the study runner controls it. */
public interface TrialProcess {

    boolean isAlive();

    /** The exit code; only meaningful once {@link #isAlive()} is false. */
    int exitCode();

    /** Asks the run to end (SIGTERM for a subprocess), without waiting. */
    void requestStop();

    /** Ends the run now (SIGKILL for a subprocess), with anything it started. */
    void forceStop();

    /** The OS process id, or -1 when there is none. */
    long pid();

    /** When the OS process started, used with the pid to recognise it after a tuner restart. */
    Optional<Instant> startInstant();
}
