package dev.imgcls.tune.search.gp;

import dev.imgcls.tune.space.Assignment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Maximises an acquisition function over the feasible space: many random points plus neighbours of the given
 * seeds (the best trials so far), then a stochastic hill climb from the best few with a shrinking step. Every
 * point it evaluates is feasible (projected), so integer and discrete values are judged as they would be run.
 */
public final class AcquisitionMaximizer {
    static final int RANDOM_CANDIDATES = 1000;
    static final int NEIGHBOURS_PER_SEED = 50;
    static final int CLIMBS = 5;
    static final int CLIMB_STEPS = 40;

    private final FeatureEncoder encoder;

    public AcquisitionMaximizer(FeatureEncoder encoder) {
        this.encoder = encoder;
    }

    /**
     * The best point found whose assignment {@code isNew} accepts (not a trial already run or running); if every
     * point found is old, the best one anyway.
     */
    public double[] maximize(ToDoubleFunction<double[]> acquisition, List<double[]> seeds,
            Predicate<Assignment> isNew, SplittableRandom rng) {
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < RANDOM_CANDIDATES; i++) {
            scored.add(score(acquisition, encoder.randomPoint(rng)));
        }
        for (double[] seed : seeds) {
            for (int i = 0; i < NEIGHBOURS_PER_SEED; i++) {
                scored.add(score(acquisition, encoder.neighbour(seed, 0.1, rng)));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::value).reversed());
        List<Scored> climbed = new ArrayList<>();
        for (int i = 0; i < Math.min(CLIMBS, scored.size()); i++) {
            climbed.add(climb(acquisition, scored.get(i), rng));
        }
        scored.addAll(climbed);
        scored.sort(Comparator.comparingDouble(Scored::value).reversed());
        for (Scored s : scored) {
            if (isNew.test(encoder.decode(s.point()))) {
                return s.point();
            }
        }
        return scored.get(0).point();
    }

    private Scored climb(ToDoubleFunction<double[]> acquisition, Scored start, SplittableRandom rng) {
        Scored current = start;
        double step = 0.05;
        for (int i = 0; i < CLIMB_STEPS; i++) {
            Scored next = score(acquisition, encoder.neighbour(current.point(), step, rng));
            if (next.value() > current.value()) {
                current = next;
            } else {
                step = Math.max(1e-3, step * 0.8);
            }
        }
        return current;
    }

    private static Scored score(ToDoubleFunction<double[]> acquisition, double[] point) {
        double v = acquisition.applyAsDouble(point);
        return new Scored(point, Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v);
    }

    private record Scored(double[] point, double value) {
    }
}
