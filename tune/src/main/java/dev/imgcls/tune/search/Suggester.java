package dev.imgcls.tune.search;

import dev.imgcls.tune.space.Assignment;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the parameters of the next trial. Implementations are deterministic: the same seed, trial number,
 * observations and pending trials give the same suggestion, so a resumed study makes the choices a study that
 * was never interrupted would have made from the same history.
 */
public interface Suggester {

    /**
     * The parameters for trial {@code trialNumber} (1-based), or empty when the search space has no more points.
     *
     * @param completed trials that reported a value (succeeded or stopped early)
     * @param pending   parameters of trials that are running now
     */
    Optional<Assignment> suggest(int trialNumber, List<Observation> completed, List<Assignment> pending);
}
