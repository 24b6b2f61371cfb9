package dev.imgcls.tune.search;

import dev.imgcls.tune.spec.StudySpec;

/** The suggester a spec's {@code algorithm} names. */
public final class Suggesters {
    private Suggesters() {
    }

    public static Suggester forSpec(StudySpec spec, long seed) {
        return switch (spec.algorithm()) {
            case GRID_SEARCH -> new GridSearch(spec.params());
            case RANDOM_SEARCH -> new RandomSearch(spec.params(), seed);
            case BAYESIAN_OPTIMIZATION ->
                    new GaussianProcessBandit(spec.params(), spec.goal(), spec.maxParallelTrials(), seed);
        };
    }
}
