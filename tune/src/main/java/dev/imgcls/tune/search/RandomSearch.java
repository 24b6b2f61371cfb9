package dev.imgcls.tune.search;

import dev.imgcls.tune.space.Assignment;
import dev.imgcls.tune.spec.ParameterSpec;
import java.util.List;
import java.util.Optional;

/** RANDOM_SEARCH: every trial an independent draw of {@link RandomSampler}; never runs out. */
public final class RandomSearch implements Suggester {
    private final List<ParameterSpec> params;
    private final long seed;

    public RandomSearch(List<ParameterSpec> params, long seed) {
        this.params = List.copyOf(params);
        this.seed = seed;
    }

    @Override
    public Optional<Assignment> suggest(int trialNumber, List<Observation> completed, List<Assignment> pending) {
        return Optional.of(RandomSampler.sample(params, TrialRandom.forTrial(seed, trialNumber)));
    }
}
