package dev.imgcls.tune.study;

import dev.imgcls.tune.search.Observation;
import dev.imgcls.tune.space.Assignment;
import dev.imgcls.tune.spec.StudySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A study: its spec, seed, the trainer arguments shared by all trials, and its trials in id order. */
public final class Study {
    private StudySpec spec;
    private final long seed;
    private final List<String> trainerArguments;
    private final List<Trial> trials = new ArrayList<>();

    public Study(StudySpec spec, long seed, List<String> trainerArguments) {
        this.spec = spec;
        this.seed = seed;
        this.trainerArguments = List.copyOf(trainerArguments);
    }

    public StudySpec spec() {
        return spec;
    }

    /**
     * Replaces the spec of a resumed study by one that searches the same space (only the trial counts and early
     * stopping may change, e.g. to raise maxTrials and continue).
     */
    public void updateSpec(StudySpec newSpec) {
        if (!spec.sameSearchAs(newSpec)) {
            throw new IllegalArgumentException("the spec searches a different space than the study's");
        }
        spec = newSpec;
    }

    public long seed() {
        return seed;
    }

    public List<String> trainerArguments() {
        return trainerArguments;
    }

    public List<Trial> trials() {
        return Collections.unmodifiableList(trials);
    }

    public Trial trial(int id) {
        return trials.get(id - 1);
    }

    /** Adds the next trial (id = number of trials so far + 1), ACTIVE, with the given parameters. */
    public Trial addTrial(Assignment assignment) {
        Trial t = new Trial(trials.size() + 1, assignment);
        trials.add(t);
        return t;
    }

    void addRestored(Trial t) {
        if (t.id() != trials.size() + 1) {
            throw new IllegalArgumentException("trial ids must run 1, 2, 3, ...; found " + t.id()
                    + " after " + trials.size() + " trials");
        }
        trials.add(t);
    }

    public long count(TrialState state) {
        return trials.stream().filter(t -> t.state() == state).count();
    }

    /** Finished trials with a value, as the search algorithms see them. */
    public List<Observation> observations() {
        List<Observation> obs = new ArrayList<>();
        for (Trial t : trials) {
            if (t.state().hasResult()) {
                t.finalMetric(spec.goal()).ifPresent(m -> obs.add(new Observation(t.assignment(), m.value())));
            }
        }
        return obs;
    }

    /** The best trial with a result; the lower id wins a tie. */
    public Optional<Trial> best() {
        Trial best = null;
        double bestValue = 0;
        for (Trial t : trials) {
            if (!t.state().hasResult() || t.finalMetric(spec.goal()).isEmpty()) {
                continue;
            }
            double v = t.finalMetric(spec.goal()).get().value();
            if (best == null || spec.goal().isBetter(v, bestValue)) {
                best = t;
                bestValue = v;
            }
        }
        return Optional.ofNullable(best);
    }
}
