package dev.imgcls.train.doctor;

import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.OpRegistry;
import dev.imgcls.tensor.spi.Backend;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks every op of a candidate backend (the GPU) against a reference backend (the CPU) on the
 * {@link OpCatalogue}'s cases: the same random inputs go to both, and each floating output must
 * agree within the case's {@link Tolerance}, each integer output exactly. One bad op never stops
 * the check: an exception becomes that case's result.
 *
 * <p>Ops the candidate has no kernel for are one result each: {@link Outcome#NOT_ON_BACKEND} (a
 * failure: a model that uses the op would stop on this backend) when the reference has one,
 * {@link Outcome#ON_NEITHER_BACKEND} (not a failure: nothing to compare) when it lacks it too.
 * View ops (reshape) need no kernel and are always checked.
 *
 * <pre>{@code
 * List<OpSelfCheck.Result> results = OpSelfCheck.run(Backends.byName("cpu"), Backends.byName("cuda"), 17,
 *         (r, done, total) -> System.out.println(done + "/" + total + " " + r));
 * System.out.println(OpSelfCheck.summary(results)); // "54 ops, 155 cases: all within tolerance"
 * }</pre>
 */
public final class OpSelfCheck {
    /** How many failures {@link #summary} names before "and N more". */
    private static final int NAMED_FAILURES = 5;

    /** What became of one case (or of an op that could not be run). */
    public enum Outcome {
        /** Every output within tolerance. */
        PASSED,
        /** An output differs from the reference's by more than the tolerance (or in shape or dtype). */
        OUT_OF_TOLERANCE,
        /** The candidate (or the reference, or drawing the inputs) threw; {@link Result#problem()} has the message. */
        THREW,
        /** The candidate changed one of its inputs (a kernel may write only its outputs). */
        WROTE_INPUT,
        /** The candidate has no kernel for an op the reference runs. */
        NOT_ON_BACKEND,
        /** Neither backend has a kernel for the op: nothing to compare, not a failure. */
        ON_NEITHER_BACKEND,
        /** The candidate has a kernel but the catalogue no case for the op: unchecked, counted as a failure. */
        NO_CASE;

        public boolean isFailure() {
            return this != PASSED && this != ON_NEITHER_BACKEND;
        }
    }

    /**
     * One case's result.
     *
     * @param op the op's name
     * @param caseName the case's label and input shapes, e.g. "3x3/2 SAME [3,10,11,13] [3,3,13,7]" (empty for op-level results)
     * @param outcome what happened
     * @param maxAbsError the largest |candidate − reference| over all outputs (NaN when not compared, ∞ on a non-finite mismatch)
     * @param maxRelError the largest error relative to the reference value, over elements larger than the tolerance's absolute part
     * @param tolerance the case's tolerance (null for op-level results)
     * @param problem what went wrong, in one line; empty when the case passed
     */
    public record Result(String op, String caseName, Outcome outcome, double maxAbsError, double maxRelError, Tolerance tolerance,
                         String problem) {
        public boolean passed() {
            return outcome == Outcome.PASSED;
        }

        public boolean failed() {
            return outcome.isFailure();
        }

        /** "op case" without a trailing blank. */
        public String title() {
            return caseName.isEmpty() ? op : op + " " + caseName;
        }

        /** One line, e.g. "ok   conv2d 3x3/1 SAME [3,9,11,13] [3,3,13,7]: max abs 2.4e-06, rel 1.1e-06 (abs 4e-4 + rel 1e-4)". */
        @Override
        public String toString() {
            return switch (outcome) {
                case PASSED -> "ok   " + title() + ": " + errors() + " (" + tolerance + ")";
                case OUT_OF_TOLERANCE -> "FAIL " + title() + ": " + errors() + ", " + problem;
                case THREW, WROTE_INPUT -> "FAIL " + title() + ": " + problem;
                case NOT_ON_BACKEND -> "FAIL " + title() + ": not on this backend";
                case NO_CASE -> "FAIL " + title() + ": no self-check case for this op";
                case ON_NEITHER_BACKEND -> "skip " + title() + ": on neither backend";
            };
        }

        private String errors() {
            return String.format(Locale.ROOT, "max abs %.2g, rel %.2g", maxAbsError, maxRelError);
        }
    }

    /** Told of each result as it comes (a doctor prints a line or a counter). */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (result, done, total) -> {
        };

        void caseDone(Result result, int done, int total);
    }

    private OpSelfCheck() {
    }

    /** Every op of the engine against the whole {@link OpCatalogue}; inputs are a function of {@code seed}. */
    public static List<Result> run(Backend reference, Backend candidate, long seed, Progress progress) {
        return run(OpCatalogue.cases(), reference, candidate, seed, progress);
    }

    /**
     * As {@link #run(Backend, Backend, long, Progress)} with the given cases, in {@link OpRegistry}
     * order: ops of the registry without a case are reported {@link Outcome#NO_CASE}.
     */
    public static List<Result> run(List<OpCase<?>> cases, Backend reference, Backend candidate, long seed, Progress progress) {
        // The plan first, so that progress can say "n of total": a case index, or an op-level result.
        List<Object> plan = new ArrayList<>();
        for (OpDef<?> op : OpRegistry.all()) {
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                if (cases.get(i).op() == op) {
                    mine.add(i);
                }
            }
            if (!op.isView() && candidate.kernel(op) == null) {
                plan.add(opResult(op, reference.kernel(op) != null ? Outcome.NOT_ON_BACKEND : Outcome.ON_NEITHER_BACKEND));
            } else if (mine.isEmpty()) {
                plan.add(opResult(op, Outcome.NO_CASE));
            } else {
                plan.addAll(mine);
            }
        }
        List<Result> results = new ArrayList<>();
        for (Object item : plan) {
            Result r = item instanceof Integer i ? runCase(cases.get(i), reference, candidate, caseGenerator(seed, i)) : (Result) item;
            results.add(r);
            progress.caseDone(r, results.size(), plan.size());
        }
        return List.copyOf(results);
    }

    /** Whether no result is a failure (skips of ops on neither backend are not). */
    public static boolean allWithinTolerance(List<Result> results) {
        return results.stream().noneMatch(Result::failed);
    }

    /**
     * One line for a verdict: "54 ops, 155 cases: all within tolerance", or "2 of 155 cases failed:
     * conv2d_backprop_filter 3x3/2 SAME [3,10,11,13] [3,6,6,7] (max abs 0.31 > abs 4e-4 + rel 1e-4); …".
     */
    public static String summary(List<Result> results) {
        Set<String> ops = new LinkedHashSet<>();
        List<String> neither = new ArrayList<>();
        List<Result> failed = new ArrayList<>();
        int checks = 0;
        for (Result r : results) {
            if (r.outcome() == Outcome.ON_NEITHER_BACKEND) {
                neither.add(r.op());
                continue;
            }
            ops.add(r.op());
            checks++;
            if (r.failed()) {
                failed.add(r);
            }
        }
        String tail = neither.isEmpty() ? "" : "; on neither backend: " + String.join(", ", neither);
        if (failed.isEmpty()) {
            return ops.size() + " ops, " + checks + " cases: all within tolerance" + tail;
        }
        StringBuilder b = new StringBuilder().append(failed.size()).append(" of ").append(checks).append(" cases failed: ");
        for (int i = 0; i < Math.min(failed.size(), NAMED_FAILURES); i++) {
            b.append(i == 0 ? "" : "; ").append(failed.get(i).title()).append(" (").append(reason(failed.get(i))).append(')');
        }
        if (failed.size() > NAMED_FAILURES) {
            b.append("; and ").append(failed.size() - NAMED_FAILURES).append(" more");
        }
        return b.append(tail).toString();
    }

    private static String reason(Result r) {
        return switch (r.outcome()) {
            case OUT_OF_TOLERANCE -> Double.isNaN(r.maxAbsError()) ? r.problem()
                    : String.format(Locale.ROOT, "max abs %.2g > %s", r.maxAbsError(), r.tolerance());
            case NOT_ON_BACKEND -> "not on this backend";
            case NO_CASE -> "no self-check case";
            default -> r.problem();
        };
    }

    private static Result opResult(OpDef<?> op, Outcome outcome) {
        String problem = switch (outcome) {
            case NOT_ON_BACKEND -> "the candidate backend has no kernel for " + op.name() + "; the reference has one";
            case NO_CASE -> "the op self-check has no case for " + op.name() + "; add one to OpCatalogue";
            default -> "";
        };
        return new Result(op.name(), "", outcome, Double.NaN, Double.NaN, null, problem);
    }

    /** Each case draws from its own stream, so a case's inputs do not depend on the cases before it. */
    private static Generator caseGenerator(long seed, int index) {
        return new Generator(seed * 0x9E3779B97F4A7C15L + index);
    }

    private static <A> Result runCase(OpCase<A> c, Backend reference, Backend candidate, Generator gen) {
        String op = c.op().name();
        Tensor[] inputs;
        String name = c.label();
        try (Autograd.Scope on = Backends.use(reference); Autograd.Scope noGrad = Autograd.noGrad()) {
            inputs = c.inputs().draw(gen);
            name = c.describe(inputs);
        } catch (RuntimeException e) {
            return threw(op, name, c.tolerance(), "drawing the inputs failed: " + oneLine(e));
        }
        OpRunner.Run expected;
        try {
            expected = OpRunner.run(reference, c, inputs);
        } catch (RuntimeException | LinkageError e) {
            return threw(op, name, c.tolerance(), "the reference backend '" + reference.name() + "' failed: " + oneLine(e));
        }
        OpRunner.Output[] given = new OpRunner.Output[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            given[i] = OpRunner.Output.of(inputs[i]);
        }
        OpRunner.Run actual;
        try {
            actual = OpRunner.run(candidate, c, inputs);
        } catch (RuntimeException | LinkageError e) {
            return threw(op, name, c.tolerance(), oneLine(e));
        }
        OutputComparison.Found changed = OutputComparison.compare(given, actual.inputsAfter(), Tolerances.DATA, "input");
        if (!changed.within()) {
            return new Result(op, name, Outcome.WROTE_INPUT, Double.NaN, Double.NaN, c.tolerance(),
                    "the kernel wrote into its inputs: " + changed.problem());
        }
        OutputComparison.Found found = OutputComparison.compare(expected.outputs(), actual.outputs(), c.tolerance(), "output");
        return new Result(op, name, found.within() ? Outcome.PASSED : Outcome.OUT_OF_TOLERANCE, found.maxAbsError(), found.maxRelError(),
                c.tolerance(), found.problem());
    }

    private static Result threw(String op, String name, Tolerance tolerance, String problem) {
        return new Result(op, name, Outcome.THREW, Double.NaN, Double.NaN, tolerance, problem);
    }

    /** "IllegalStateException: message" (and the cause's), on one line. */
    static String oneLine(Throwable e) {
        StringBuilder b = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        if (e.getCause() != null && e.getCause() != e) {
            b.append(" (caused by ").append(e.getCause().getClass().getSimpleName()).append(": ").append(e.getCause().getMessage()).append(')');
        }
        return b.toString().replaceAll("\\s*\\R\\s*", " ");
    }
}
