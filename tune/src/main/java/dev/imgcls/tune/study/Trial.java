package dev.imgcls.tune.study;

import dev.imgcls.tune.space.Assignment;
import dev.imgcls.tune.spec.Goal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One trial of a study: its parameters, the metric values it reported, its state, and the process running it.
 * Mutable, and owned by the one thread that runs the study.
 */
public final class Trial {
    private final int id;
    private final Assignment assignment;
    private TrialState state = TrialState.ACTIVE;
    private final TreeMap<Long, Double> metrics = new TreeMap<>();
    private String error;
    private long pid = -1;
    private Instant processStart;
    private Instant startTime;
    private Instant endTime;
    private int launches;

    public Trial(int id, Assignment assignment) {
        if (id < 1) {
            throw new IllegalArgumentException("trial ids start at 1, got " + id);
        }
        this.id = id;
        this.assignment = assignment;
    }

    public int id() {
        return id;
    }

    public Assignment assignment() {
        return assignment;
    }

    public TrialState state() {
        return state;
    }

    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** The metric history by step; a later report at a step already seen replaces the earlier one. */
    public List<MetricPoint> history() {
        List<MetricPoint> h = new ArrayList<>();
        metrics.forEach((step, value) -> h.add(new MetricPoint(step, value)));
        return h;
    }

    /**
     * Adds reports read from the trial's metric file (which keeps only its last 100 entries, so the history is
     * accumulated here). Returns whether anything changed.
     */
    public boolean mergeMetrics(List<MetricPoint> points) {
        boolean changed = false;
        for (MetricPoint p : points) {
            Double old = metrics.put(p.step(), p.value());
            changed |= old == null || Double.compare(old, p.value()) != 0;
        }
        return changed;
    }

    /**
     * The trial's result: its best reported value (for the goal) and that value's step. The best, not the last,
     * because the trainer keeps the model of its best evaluation in {@code model/}, and that is the model this
     * trial offers; the earliest step wins a tie.
     */
    public Optional<MetricPoint> finalMetric(Goal goal) {
        MetricPoint best = null;
        for (MetricPoint p : history()) {
            if (best == null || goal.isBetter(p.value(), best.value())) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }

    public long pid() {
        return pid;
    }

    public Optional<Instant> processStart() {
        return Optional.ofNullable(processStart);
    }

    public Optional<Instant> startTime() {
        return Optional.ofNullable(startTime);
    }

    public Optional<Instant> endTime() {
        return Optional.ofNullable(endTime);
    }

    /** How many times a training run was started for this trial (more than 1 after a resume). */
    public int launches() {
        return launches;
    }

    /** Records a (re)launch: the trial is ACTIVE in the given process. */
    public void launched(long processId, Instant processStarted, Instant now) {
        state = TrialState.ACTIVE;
        pid = processId;
        processStart = processStarted;
        if (startTime == null) {
            startTime = now;
        }
        launches++;
        error = null;
        endTime = null;
    }

    /** Records the end of the trial. */
    public void finished(TrialState finalState, String failure, Instant now) {
        if (!finalState.isFinished()) {
            throw new IllegalArgumentException("a finished trial cannot be " + finalState);
        }
        state = finalState;
        error = failure;
        endTime = now;
        pid = -1;
        processStart = null;
    }

    /** Restores the persisted fields (used by {@link StudyStore}). */
    void restore(TrialState s, String failure, long processId, Instant processStarted, Instant started, Instant ended,
            int launchCount) {
        state = s;
        error = failure;
        pid = processId;
        processStart = processStarted;
        startTime = started;
        endTime = ended;
        launches = launchCount;
    }
}
