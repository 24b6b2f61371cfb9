package dev.imgcls.tensor.profile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What one {@link OpProfiler} session measured: totals per op name and per {@link OpKind}. */
public final class Profile {
    private final List<OpStats> ops;
    private final List<OpStats> shapes;
    private final Map<OpKind, OpStats> kinds;
    private final long allocationNanos;
    private final long allocatedBytes;
    private final long wallNanos;

    Profile(Collection<OpStats> opTotals, Collection<OpStats> shapeTotals, long allocationNanos, long allocatedBytes, long wallNanos) {
        List<OpStats> sorted = mostTimeFirst(opTotals);
        this.ops = sorted;
        this.shapes = mostTimeFirst(shapeTotals);
        Map<OpKind, OpStats> byKind = new EnumMap<>(OpKind.class);
        for (OpStats s : sorted) {
            OpStats prev = byKind.get(s.kind());
            byKind.put(s.kind(), prev == null ? new OpStats(s.kind().label(), s.kind(), s.calls(), s.nanos(), s.flops())
                    : prev.plus(s.calls(), s.nanos(), s.flops()));
        }
        this.kinds = Collections.unmodifiableMap(byKind);
        this.allocationNanos = allocationNanos;
        this.allocatedBytes = allocatedBytes;
        this.wallNanos = wallNanos;
    }

    /** Time spent allocating op outputs (outside kernels): zeroing, and collections it triggered. */
    public long allocationNanos() {
        return allocationNanos;
    }

    /** Bytes of op outputs allocated (views excluded). */
    public long allocatedBytes() {
        return allocatedBytes;
    }

    /** Per op name, most time first. */
    public List<OpStats> ops() {
        return ops;
    }

    /** Convolutions and matmuls per (op, problem size), most time first. */
    public List<OpStats> shapes() {
        return shapes;
    }

    private static List<OpStats> mostTimeFirst(Collection<OpStats> stats) {
        List<OpStats> sorted = new ArrayList<>(stats);
        sorted.sort(Comparator.comparingLong(OpStats::nanos).reversed().thenComparing(OpStats::name));
        return Collections.unmodifiableList(sorted);
    }

    /** Per kind, in {@link OpKind} order; kinds with no call are absent. */
    public Map<OpKind, OpStats> kinds() {
        return kinds;
    }

    /** The totals of one op name, or null when it never ran. */
    public OpStats op(String name) {
        for (OpStats s : ops) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** Wall time from start() to stop(). */
    public long wallNanos() {
        return wallNanos;
    }

    /** Time inside kernels, all ops together. */
    public long kernelNanos() {
        return ops.stream().mapToLong(OpStats::nanos).sum();
    }

    public long totalCalls() {
        return ops.stream().mapToLong(OpStats::calls).sum();
    }

    /**
     * Totals of every kind that counts FLOPs (convolutions and matrix products), named
     * "conv+matmul"; its {@code kind} field is {@link OpKind#OTHER} as it spans several kinds.
     */
    public OpStats denseMath() {
        long calls = 0;
        long nanos = 0;
        long flops = 0;
        for (OpStats s : kinds.values()) {
            if (s.kind().countsFlops()) {
                calls += s.calls();
                nanos += s.nanos();
                flops += s.flops();
            }
        }
        return new OpStats("conv+matmul", OpKind.OTHER, calls, nanos, flops);
    }

    /** A table of the kinds then the ops, times in ms, shares of kernel time. */
    public String table() {
        StringBuilder b = new StringBuilder();
        long kernel = Math.max(1, kernelNanos());
        b.append(String.format(Locale.ROOT, "%-34s %8s %11s %7s %9s%n", "op kind", "calls", "time ms", "share", "GFLOP/s"));
        for (OpStats s : kinds.values()) {
            appendRow(b, s, kernel);
        }
        b.append(String.format(Locale.ROOT, "%-34s %8d %11.1f %6.1f%%%n", "all kernels", totalCalls(), kernelNanos() / 1e6, 100.0));
        b.append(String.format(Locale.ROOT, "output allocation: %.1f ms for %.1f MiB (outside kernel time)%n", allocationNanos / 1e6,
                allocatedBytes / (1024.0 * 1024.0)));
        b.append(String.format(Locale.ROOT, "%n%-34s %8s %11s %7s %9s%n", "op", "calls", "time ms", "share", "GFLOP/s"));
        for (OpStats s : ops) {
            appendRow(b, s, kernel);
        }
        return b.toString();
    }

    private static void appendRow(StringBuilder b, OpStats s, long kernel) {
        double gflops = s.gflopsPerSecond();
        b.append(String.format(Locale.ROOT, "%-34s %8d %11.1f %6.1f%% %9s%n", s.name(), s.calls(), s.nanos() / 1e6,
                100.0 * s.nanos() / kernel, Double.isNaN(gflops) ? "" : String.format(Locale.ROOT, "%.1f", gflops)));
    }
}
