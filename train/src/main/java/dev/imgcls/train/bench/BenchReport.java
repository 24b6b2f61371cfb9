package dev.imgcls.train.bench;

import dev.imgcls.tensor.profile.OpStats;
import dev.imgcls.tensor.profile.Profile;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/** Prints a {@link BenchResult} as the human-readable benchmark report. */
final class BenchReport {
    /** Op rows shown after the per-kind table; the full list is long and mostly noise. */
    private static final int TOP_OPS = 15;
    private static final int TOP_SHAPES = 20;
    private static final double MIB = 1024.0 * 1024.0;
    /** The side-by-side PyTorch harness, in the repository's sibling folder shared/. */
    static final String PEER_HARNESS = "../shared/bench/peer/side-by-side.sh";

    private BenchReport() {
    }

    static void print(BenchResult r, PrintStream out) {
        BenchOptions o = r.options();
        int n = r.stepNanos().length;
        out.printf(Locale.ROOT, "== imgcls bench: %s throughput of %s, %dx%d images, batch %d, %s, %s data ==%n", o.mode().noun(),
                o.modelType(), o.imageSize(), o.imageSize(), o.batchSize(),
                o.training() ? o.optimizerType().id() + " optimizer" : "eval mode, no gradients", o.synthetic() ? "synthetic" : o.data());
        out.printf(Locale.ROOT, "backend: %s; kernel threads: %d%n", r.backend(), r.threads());
        out.printf(Locale.ROOT, "JDK: %s (%s), max heap %s, collectors: %s%n",
                System.getProperty("java.runtime.version", System.getProperty("java.version")), System.getProperty("java.vm.name", "?"),
                r.maxHeap() < 0 ? "unbounded" : mib(r.maxHeap()), MemoryProbe.collectorNames());
        out.printf(Locale.ROOT, "model: %,d trainable parameters; %s step = %s%n", r.parameters(), o.mode().noun(),
                o.mode().step(o.optimizerType().id()));
        out.printf(Locale.ROOT, "steps: %d warm-up (%s s), %d measured (%s s)%n", r.warmupNanos().length, seconds(r.warmupNanos()), n,
                seconds(r.stepNanos()));

        double ips = r.imagesPerSecond();
        out.printf(Locale.ROOT, "throughput: %.2f images/s (median step %.3f s over %d measured steps)%n", ips,
                r.medianStepNanos() / 1e9, n);
        // No PyTorch figure here: images/s differ 2x between machines of one kind, so only a ratio
        // measured on this machine in one run means anything; the peer harness does that (CPU only).
        if (!r.onGpu()) {
            out.println("against PyTorch: " + PEER_HARNESS + " (from the project root) runs this bench and PyTorch 2.7.1 on the"
                    + " same models, interleaved on this machine, and prints the ratios");
            out.println("against the scalar path: the SIMD/scalar choice is fixed per JVM; compare with a second run under"
                    + " -Dimgcls.simd=scalar");
        }
        out.printf(Locale.ROOT, "%s: %.4f at the first measured step, %.4f at the last%n", o.mode().valueName(), r.firstValue(),
                r.lastValue());

        printTimeShares(r, out);
        printMemory(r, out);
    }

    private static void printTimeShares(BenchResult r, PrintStream out) {
        Profile p = r.profile();
        int n = r.stepNanos().length;
        long total = Math.max(1, r.totalStepNanos());
        if (p == null) {
            out.println("time by op kind: not measured (--profile=false)");
            return;
        }
        out.printf(Locale.ROOT, "%ntime by op kind over the %d measured steps (share of step time):%n", n);
        out.printf(Locale.ROOT, "  %-34s %9s %11s %7s %9s%n", "kind", "calls", "ms/step", "share", "GFLOP/s");
        for (OpStats s : p.kinds().values()) {
            row(out, s.name(), s.calls() / n, s.nanos(), n, total, s.gflopsPerSecond());
        }
        if (r.options().synthetic()) {
            out.printf(Locale.ROOT, "  %-34s %9s %11s %7s%n", "data", "", "-", "(synthetic: made once)");
        } else {
            row(out, "data (input wait)", -1, r.totalDataNanos(), n, total, Double.NaN);
        }
        row(out, "output allocation", -1, p.allocationNanos(), n, total, Double.NaN);
        row(out, "framework/other", -1, r.frameworkNanos(), n, total, Double.NaN);
        row(out, "step total", -1, r.totalStepNanos(), n, total, Double.NaN);
        out.printf(Locale.ROOT, "  output allocation: %.1f MiB/step of op outputs, recycled from released tensors (%.1f large arrays/step"
                        + " newly allocated); GC pauses: %.1f ms/step (%.1f%% of step time), %d collections%n", p.allocatedBytes() / MIB / n,
                r.freshPooledArrays() / (double) n, r.gcMillis() / (double) n, 100.0 * r.gcMillis() * 1e6 / total, r.gcCount());
        out.println("  (framework/other = step time - kernels - output allocation - data wait: dispatch, shape rules, autograd"
                + " bookkeeping, scope cleanup, " + (r.options().training() ? "" : "reading the logits back, ")
                + "and CPU taken by concurrent GC threads)");

        OpStats dense = p.denseMath();
        out.printf(Locale.ROOT, "dense math: %.2f GFLOP per step; %.1f GFLOP/s over conv+matmul kernel time, %.1f GFLOP/s over"
                        + " whole step time%n", dense.flops() / 1e9 / n, dense.gflopsPerSecond(), dense.flops() / (double) total);

        out.printf(Locale.ROOT, "%ntop ops over the measured steps:%n");
        out.printf(Locale.ROOT, "  %-34s %9s %11s %7s %9s%n", "op", "calls", "ms/step", "share", "GFLOP/s");
        p.ops().stream().limit(TOP_OPS).forEach(s -> row(out, s.name(), s.calls() / n, s.nanos(), n, total, s.gflopsPerSecond()));
        if (p.ops().size() > TOP_OPS) {
            out.printf(Locale.ROOT, "  … %d more ops%n", p.ops().size() - TOP_OPS);
        }
        out.printf(Locale.ROOT, "%ntop convolution and matmul shapes (kernel/stride in->out @input n<batch>):%n");
        out.printf(Locale.ROOT, "  %-52s %9s %11s %7s %9s%n", "op and shape", "calls", "ms/step", "share", "GFLOP/s");
        p.shapes().stream().limit(TOP_SHAPES).forEach(s -> out.printf(Locale.ROOT, "  %-52s %9d %11.1f %6.1f%% %9.1f%n", s.name(),
                s.calls() / n, s.nanos() / 1e6 / n, 100.0 * s.nanos() / total, s.gflopsPerSecond()));
    }

    private static void row(PrintStream out, String name, long callsPerStep, long nanos, int steps, long totalNanos, double gflops) {
        out.printf(Locale.ROOT, "  %-34s %9s %11.1f %6.1f%% %9s%n", name, callsPerStep < 0 ? "" : Long.toString(callsPerStep),
                nanos / 1e6 / steps, 100.0 * nanos / totalNanos, Double.isNaN(gflops) ? "" : String.format(Locale.ROOT, "%.1f", gflops));
    }

    private static void printMemory(BenchResult r, PrintStream out) {
        long delta = r.heapAfterGcEnd() - r.heapAfterGcStart();
        out.printf(Locale.ROOT, "%nmemory: heap after GC %s before the measured steps, %s after (%+.1f MiB over %d steps)%n",
                mib(r.heapAfterGcStart()), mib(r.heapAfterGcEnd()), delta / MIB, r.stepNanos().length);
        out.printf(Locale.ROOT, "memory: peak heap during the measured steps %s (sum of pool peaks); peak RSS %s%n", mib(r.peakHeap()),
                r.peakRss().isPresent() ? mib(r.peakRss().getAsLong()) + " (VmHWM)" : "unavailable (no /proc/self/status)");
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
    }

    private static String seconds(long[] nanos) {
        if (nanos.length == 0) {
            return "-";
        }
        return String.join(" ", Arrays.stream(nanos).mapToObj(v -> String.format(Locale.ROOT, "%.3f", v / 1e9)).toList());
    }
}
