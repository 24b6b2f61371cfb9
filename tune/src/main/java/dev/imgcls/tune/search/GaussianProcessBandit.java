package dev.imgcls.tune.search;

import dev.imgcls.tune.search.gp.AcquisitionMaximizer;
import dev.imgcls.tune.search.gp.FeatureEncoder;
import dev.imgcls.tune.search.gp.GaussianProcess;
import dev.imgcls.tune.search.gp.GpHyperparameters;
import dev.imgcls.tune.search.gp.HyperparameterFit;
import dev.imgcls.tune.search.gp.MarginalLikelihood;
import dev.imgcls.tune.space.Assignment;
import dev.imgcls.tune.spec.Goal;
import dev.imgcls.tune.spec.ParameterSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The default algorithm: a Gaussian-process bandit in the spirit of Google Vizier's default.
 *
 * <ol>
 *   <li>The first {@link #initialRandomTrials} trials (and any trial before two have reported) are random.</li>
 *   <li>Then a GP (Matérn 5/2, ARD length scales, noise; {@link HyperparameterFit}) is fitted to the reported
 *       values, standardised and turned into a quantity to maximise.</li>
 *   <li>Trials come in batches of maxParallelTrials by trial number. The first of a batch maximises UCB,
 *       μ + βσ, with σ conditioned on the running trials (kriging believer), so it does not repeat them.</li>
 *   <li>The rest of a batch, while trials are running, explore (GP-UCB-PE): they maximise the conditioned σ among
 *       the points whose UCB reaches the best lower confidence bound, i.e. points that could still be the best.</li>
 * </ol>
 */
public final class GaussianProcessBandit implements Suggester {
    /** UCB's exploration weight: about the 90% one-sided band, a usual choice for a few dozen trials. */
    static final double BETA = 1.8;
    /** Weight of the penalty that keeps exploration inside the UCB ≥ best-LCB region. */
    static final double REGION_PENALTY = 10;

    private final List<ParameterSpec> params;
    private final Goal goal;
    private final int batchSize;
    private final long seed;
    private final FeatureEncoder encoder;
    private final AcquisitionMaximizer maximizer;

    public GaussianProcessBandit(List<ParameterSpec> params, Goal goal, int batchSize, long seed) {
        this.params = List.copyOf(params);
        this.goal = goal;
        this.batchSize = Math.max(1, batchSize);
        this.seed = seed;
        this.encoder = new FeatureEncoder(params);
        this.maximizer = new AcquisitionMaximizer(encoder);
    }

    /** Random trials before the model: one more than the number of parameters, between 3 and 5. */
    public int initialRandomTrials() {
        return Math.max(3, Math.min(5, params.size() + 1));
    }

    @Override
    public Optional<Assignment> suggest(int trialNumber, List<Observation> completed, List<Assignment> pending) {
        SplittableRandom rng = TrialRandom.forTrial(seed, trialNumber);
        if (trialNumber <= initialRandomTrials() || completed.size() < 2) {
            return Optional.of(RandomSampler.sample(params, rng));
        }
        int n = completed.size();
        double[][] x = new double[n][];
        double[] y = standardized(completed);
        for (int i = 0; i < n; i++) {
            x[i] = encoder.encode(completed.get(i).assignment());
        }
        MarginalLikelihood likelihood = new MarginalLikelihood(x, y, encoder.groupOfColumn(), encoder.groups());
        GpHyperparameters hyper = HyperparameterFit.fit(likelihood, encoder.groups(), rng);
        List<double[]> pendingPoints = new ArrayList<>();
        for (Assignment a : pending) {
            pendingPoints.add(encoder.encode(a));
        }
        GaussianProcess gp;
        GaussianProcess conditioned;
        try {
            gp = new GaussianProcess(x, y, hyper, encoder.groupOfColumn());
            conditioned = gp.withPending(pendingPoints);
        } catch (IllegalStateException numericallySingular) {
            // Only with many coinciding points; a random trial keeps the study going.
            return Optional.of(RandomSampler.sample(params, rng));
        }

        Set<Assignment> seen = new HashSet<>(pending);
        completed.forEach(o -> seen.add(o.assignment()));
        List<double[]> seeds = bestPoints(x, y, 3);
        boolean firstOfBatch = pending.isEmpty() || (trialNumber - 1) % batchSize == 0;
        double[] chosen;
        if (firstOfBatch) {
            chosen = maximizer.maximize(p -> conditioned.mean(p) + BETA * conditioned.stddev(p), seeds,
                    a -> !seen.contains(a), rng);
        } else {
            double bestLowerBound = bestLowerBound(gp, x, rng);
            chosen = maximizer.maximize(p -> {
                double upper = gp.mean(p) + BETA * gp.stddev(p);
                double shortfall = Math.max(0, bestLowerBound - upper);
                return conditioned.stddev(p) - REGION_PENALTY * shortfall;
            }, seeds, a -> !seen.contains(a), rng);
        }
        return Optional.of(encoder.decode(chosen));
    }

    /** The values as a quantity to maximise, standardised to mean 0 and variance 1 (the prior assumes that scale). */
    private double[] standardized(List<Observation> completed) {
        int n = completed.size();
        double[] y = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            y[i] = goal.toMaximized(completed.get(i).value());
            mean += y[i] / n;
        }
        double var = 0;
        for (double v : y) {
            var += (v - mean) * (v - mean) / n;
        }
        double sd = var > 1e-24 ? Math.sqrt(var) : 1;
        for (int i = 0; i < n; i++) {
            y[i] = (y[i] - mean) / sd;
        }
        return y;
    }

    /** The largest μ − βσ over the observed points and a random sample: the best value the GP is sure of. */
    private double bestLowerBound(GaussianProcess gp, double[][] x, SplittableRandom rng) {
        double best = Double.NEGATIVE_INFINITY;
        for (double[] p : x) {
            best = Math.max(best, gp.mean(p) - BETA * gp.stddev(p));
        }
        for (int i = 0; i < 200; i++) {
            double[] p = encoder.randomPoint(rng);
            best = Math.max(best, gp.mean(p) - BETA * gp.stddev(p));
        }
        return best;
    }

    private static List<double[]> bestPoints(double[][] x, double[] y, int count) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> -y[i]));
        List<double[]> best = new ArrayList<>();
        for (int i = 0; i < Math.min(count, order.size()); i++) {
            best.add(x[order.get(i)]);
        }
        return best;
    }
}
