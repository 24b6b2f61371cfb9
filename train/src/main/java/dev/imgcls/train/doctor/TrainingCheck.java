package dev.imgcls.train.doctor;

import dev.imgcls.tensor.spi.Backend;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** One model's {@link TrainingComparison} as a doctor check: one line, passed when both differences are within the tolerance. */
public final class TrainingCheck implements DoctorCheck {
    /** The bar for the GPU against the CPU after three steps. */
    public static final double TOLERANCE = 1e-3;

    private final TrainingComparison.Settings settings;
    private final Backend reference;
    private final Backend candidate;
    private final double tolerance;

    public TrainingCheck(TrainingComparison.Settings settings, Backend reference, Backend candidate, double tolerance) {
        this.settings = settings;
        this.reference = reference;
        this.candidate = candidate;
        this.tolerance = tolerance;
    }

    @Override
    public String name() {
        return "training " + settings.modelType();
    }

    @Override
    public CheckResult run() {
        long start = System.nanoTime();
        TrainingComparison.Outcome o;
        try {
            o = TrainingComparison.compare(settings, reference, candidate);
        } catch (RuntimeException e) {
            return CheckResult.failed(name() + ": the steps failed on " + reference.name() + " or " + candidate.name() + ": " + e.getMessage());
        }
        return judge(o, reference.name(), candidate.name(), tolerance, (System.nanoTime() - start) / 1e9);
    }

    /** The check's line, and its problem when the differences are over {@code tolerance}. */
    static CheckResult judge(TrainingComparison.Outcome o, String reference, String candidate, double tolerance, double seconds) {
        TrainingComparison.Settings s = o.settings();
        String name = "training " + s.modelType();
        String line = String.format(Locale.ROOT,
                "%s: %d steps, %d px, batch %d; losses %s: %s, %s: %s; max relative difference: losses %.1e, weights %.1e (%s); %s (%.0f s)",
                name, s.steps(), s.imageSize(), s.batchSize(), reference, losses(o.referenceLosses()), candidate, losses(o.candidateLosses()),
                o.lossDifference(), o.weightDifference(), o.worstVariable(),
                o.within(tolerance) ? "within " + tolerance : "NOT within " + tolerance, seconds);
        if (o.within(tolerance)) {
            return CheckResult.passed(line);
        }
        return CheckResult.failed(String.format(Locale.ROOT, "%s on %s drifts from %s: relative difference losses %.1e, weights %.1e (%s)"
                + " over the %s tolerance", name, candidate, reference, o.lossDifference(), o.weightDifference(), o.worstVariable(),
                tolerance), List.of(line));
    }

    private static String losses(double[] losses) {
        return Arrays.stream(losses).mapToObj(l -> String.format(Locale.ROOT, "%.5f", l)).collect(Collectors.joining(" "));
    }
}
