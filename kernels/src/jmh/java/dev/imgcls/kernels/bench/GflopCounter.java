package dev.imgcls.kernels.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Adds each invocation's floating-point work, in GFLOP, to a JMH operations counter: JMH reports
 * it per second, so the secondary result "gflops" reads directly as GFLOP/s.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class GflopCounter {
    public double gflops;

    /** Counts one call of {@code flops} floating-point operations. */
    void add(double flops) {
        gflops += flops * 1e-9;
    }
}
