package dev.imgcls.tune.study;

/** Where a trial is in its life, as AI Platform names the states. */
public enum TrialState {
    /** Launched (or to be relaunched after the tuner was killed). */
    ACTIVE,
    /** The training run exited normally and reported the metric. */
    SUCCEEDED,
    /** The training run failed (non-zero exit, or no metric reported). */
    FAILED,
    /** Stopped early by the median rule; its best reported value still counts. */
    STOPPED;

    public boolean isFinished() {
        return this != ACTIVE;
    }

    /** Whether a trial in this state contributes its value to the search and to the best trial. */
    public boolean hasResult() {
        return this == SUCCEEDED || this == STOPPED;
    }
}
