package dev.imgcls.train.doctor;

import dev.imgcls.tensor.spi.Backend;

import java.util.ArrayList;
import java.util.List;

/**
 * Every op of the candidate backend against the reference on the {@link OpCatalogue}'s awkward
 * shapes, each within its stated {@link Tolerance}: one line per failing case (all of them, since
 * that is what a user reports), then a summary line; passing cases are counted, not printed.
 */
public final class OpsCheck implements DoctorCheck {
    private final Backend reference;
    private final Backend candidate;
    private final long seed;

    public OpsCheck(Backend reference, Backend candidate, long seed) {
        this.reference = reference;
        this.candidate = candidate;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "ops";
    }

    @Override
    public CheckResult run() {
        long start = System.nanoTime();
        List<OpSelfCheck.Result> results = OpSelfCheck.run(reference, candidate, seed, OpSelfCheck.Progress.NONE);
        List<String> lines = new ArrayList<>();
        results.stream().filter(OpSelfCheck.Result::failed).forEach(r -> lines.add("ops: " + r));
        String summary = "ops: " + candidate.name() + " against " + reference.name() + ": " + OpSelfCheck.summary(results)
                + String.format(java.util.Locale.ROOT, " (%.0f s)", (System.nanoTime() - start) / 1e9);
        lines.add(summary);
        return OpSelfCheck.allWithinTolerance(results) ? CheckResult.passed(lines.toArray(String[]::new)) : CheckResult.failed(summary, lines);
    }
}
