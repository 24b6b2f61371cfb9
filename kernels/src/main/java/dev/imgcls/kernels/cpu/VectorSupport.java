package dev.imgcls.kernels.cpu;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Decides once per process whether the CPU backend's SIMD kernels may use the incubating Vector
 * API, and logs the decision with its reason (as Lucene's VectorizationProvider does). The
 * Vector API classes are only touched after the module is known to be present, so a JVM started
 * without {@code --add-modules jdk.incubator.vector} falls back to scalar kernels instead of
 * failing. {@code -Dimgcls.simd=scalar} forces the fallback (for tests and comparisons).
 */
public final class VectorSupport {
    private static final System.Logger LOG = System.getLogger(VectorSupport.class.getName());

    private VectorSupport() {
    }

    private static final class Holder {
        static final Decision DECISION = decide();
    }

    /** The outcome: whether SIMD is on, lanes of the float species, and a one-line description. */
    public record Decision(boolean simd, int floatLanes, String description) {
    }

    public static boolean enabled() {
        return Holder.DECISION.simd();
    }

    /** Floats per vector of the preferred species (1 when scalar). */
    public static int floatLanes() {
        return Holder.DECISION.floatLanes();
    }

    public static String describe() {
        return Holder.DECISION.description();
    }

    private static Decision decide() {
        Decision d = probe();
        LOG.log(System.Logger.Level.INFO, "imgcls CPU backend SIMD path: " + d.description());
        return d;
    }

    private static Decision probe() {
        if ("scalar".equalsIgnoreCase(System.getProperty("imgcls.simd", ""))) {
            return scalar("forced by -Dimgcls.simd=scalar");
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return scalar("module jdk.incubator.vector not loaded; start java with --add-modules jdk.incubator.vector");
        }
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String a : args) {
            if (a.equals("-Xint") || a.startsWith("-XX:TieredStopAtLevel=") && !a.endsWith("=4")) {
                return scalar("JIT option " + a + " disables C2, where the Vector API is intrinsified");
            }
        }
        int lanes = VectorProbe.preferredFloatLanes();
        if (lanes < 4) {
            return scalar("preferred float vector has only " + lanes + " lanes");
        }
        return new Decision(true, lanes, "Vector API, " + lanes * 32 + "-bit float vectors (" + lanes + " lanes), "
                + Parallel.threads() + " threads, JDK " + Runtime.version().feature());
    }

    private static Decision scalar(String why) {
        return new Decision(false, 1, "scalar Java loops (" + why + "), " + Parallel.threads() + " threads");
    }
}
