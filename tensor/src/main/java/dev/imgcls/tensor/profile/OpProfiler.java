package dev.imgcls.tensor.profile;

import dev.imgcls.tensor.OpDef;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.TensorSpec;

import java.util.HashMap;
import java.util.Map;

/**
 * Opt-in timing of every kernel that {@link OpDef#apply} runs: wall time, calls and (for
 * convolutions and matrix products) FLOPs per op name; grouped and depthwise convolutions get their
 * own rows ({@code conv2d [grouped]}), since their speed differs from dense ones by an order of
 * magnitude. Output allocation, which happens outside the kernel, is totalled separately. When off, the cost is one volatile read
 * per op. Kernels parallelise internally, so timing the call from the dispatching thread measures
 * the whole kernel. Ops dispatched from several threads at once are counted correctly, but their
 * times overlap.
 *
 * <pre>{@code
 * OpProfiler.start();
 * ... run steps ...
 * Profile p = OpProfiler.stop();
 * System.out.print(p.table());
 * }</pre>
 */
public final class OpProfiler {
    private static final Object LOCK = new Object();
    private static volatile Session active;

    private OpProfiler() {
    }

    /** Starts a session; fails if one is already running (sessions do not nest). */
    public static void start() {
        synchronized (LOCK) {
            if (active != null) {
                throw new IllegalStateException("the op profiler is already running; stop() it first");
            }
            active = new Session(System.nanoTime());
        }
    }

    /** Ends the running session and returns what it measured. */
    public static Profile stop() {
        synchronized (LOCK) {
            Session s = active;
            if (s == null) {
                throw new IllegalStateException("the op profiler is not running; call start() first");
            }
            active = null;
            return s.snapshot(System.nanoTime());
        }
    }

    public static boolean isRunning() {
        return active != null;
    }

    /** The running session, or null: {@link OpDef#apply} times its kernel only when this is non-null. */
    public static Session session() {
        return active;
    }

    /** One profiling session's accumulators; obtained by the op dispatcher through {@link #session()}. */
    public static final class Session {
        private final long startNanos;
        private final Map<String, OpStats> ops = new HashMap<>();
        /** Dense-math calls per (op, problem size): which layer shapes the time goes to. */
        private final Map<String, OpStats> shapes = new HashMap<>();
        private long allocationNanos;
        private long allocatedBytes;
        // Kernels that themselves dispatch ops would otherwise be counted twice.
        private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

        private Session(long startNanos) {
            this.startNanos = startNanos;
        }

        /**
         * Records the allocation of an op's outputs, which happens outside the kernel: taking
         * recycled arrays, or new zero-filled ones and any collection that triggers.
         */
        public void allocated(TensorSpec[] outputs, long nanos) {
            long bytes = 0;
            for (TensorSpec spec : outputs) {
                bytes += (long) spec.shape().numel() * spec.dtype().byteSize();
            }
            synchronized (ops) {
                allocationNanos += nanos;
                allocatedBytes += bytes;
            }
        }

        /** Marks the start of a kernel call; returns the start time. */
        public long enter() {
            depth.get()[0]++;
            return System.nanoTime();
        }

        /** Records the kernel call begun by {@link #enter()} (only the outermost call counts). */
        public void exit(OpDef<?> op, Object attrs, Tensor[] inputs, long startNanos) {
            long elapsed = System.nanoTime() - startNanos;
            int[] d = depth.get();
            d[0]--;
            if (d[0] > 0) {
                return;
            }
            String name = GroupedConv.is(attrs) ? op.name() + GroupedConv.SUFFIX : op.name();
            synchronized (ops) {
                OpStats prev = ops.get(name);
                OpKind kind = op.kind() != null ? op.kind() : OpKind.OTHER;
                @SuppressWarnings("unchecked")
                FlopRule<Object> rule = (FlopRule<Object>) op.flopRule();
                long flops = rule != null ? rule.flops(attrs, inputs) : 0;
                ops.put(name, prev == null ? new OpStats(name, kind, 1, elapsed, flops) : prev.plus(1, elapsed, flops));
                if (flops > 0) {
                    String key = op.name() + " " + rule.problem(attrs, inputs);
                    OpStats s = shapes.get(key);
                    shapes.put(key, s == null ? new OpStats(key, kind, 1, elapsed, flops) : s.plus(1, elapsed, flops));
                }
            }
        }

        private Profile snapshot(long endNanos) {
            synchronized (ops) {
                return new Profile(ops.values(), shapes.values(), allocationNanos, allocatedBytes, endNanos - startNanos);
            }
        }
    }
}
