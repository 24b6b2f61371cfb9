package dev.imgcls.tensor.profile;

/**
 * Totals of one op (or one {@link OpKind}) over a profiling session.
 *
 * @param name the op name, or the kind's label
 * @param kind the op's category
 * @param calls kernel executions
 * @param nanos wall time inside the kernels
 * @param flops floating-point operations (2 per multiply-add); 0 for kinds that do not count them
 */
public record OpStats(String name, OpKind kind, long calls, long nanos, long flops) {

    OpStats plus(long moreCalls, long moreNanos, long moreFlops) {
        return new OpStats(name, kind, calls + moreCalls, nanos + moreNanos, flops + moreFlops);
    }

    public double seconds() {
        return nanos / 1e9;
    }

    /** Achieved GFLOP/s, or NaN when no FLOPs were counted or no time was measured. */
    public double gflopsPerSecond() {
        return flops == 0 || nanos == 0 ? Double.NaN : flops / (double) nanos;
    }
}
