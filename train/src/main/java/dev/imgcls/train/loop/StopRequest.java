package dev.imgcls.train.loop;

/**
 * Asked after every training step whether the job should stop early (the process is being shut
 * down, e.g. a preempted VM's SIGTERM). A stopping job saves a checkpoint at the step it reached
 * and returns; started again on the same job-dir it resumes there and ends exactly as if it had
 * never stopped.
 */
@FunctionalInterface
public interface StopRequest {
    StopRequest NEVER = step -> false;

    /** @param step the global step just completed */
    boolean shouldStop(long step);
}
