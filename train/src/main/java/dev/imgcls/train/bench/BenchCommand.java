package dev.imgcls.train.bench;

import dev.imgcls.kernels.cpu.Parallel;
import dev.imgcls.tensor.Backends;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.loop.DeviceSelection;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * {@code imgcls bench}: training throughput of one model configuration, where step time goes per
 * op kind (from the {@link dev.imgcls.tensor.profile.OpProfiler}), achieved GFLOP/s, memory
 * readings (a PyTorch comparison is the side-by-side harness's job, see {@link BenchReport}).
 */
public final class BenchCommand {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_ARGUMENTS = 2;

    private BenchCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the benchmark; progress lines go to {@code err}, the report to {@code out}. Returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.print(BenchOptions.USAGE);
            return OK;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (ArgumentException e) {
            e.problems().forEach(p -> err.println("imgcls bench: " + p));
            err.print(BenchOptions.USAGE);
            return BAD_ARGUMENTS;
        }
        if (!requestThreads(options.threads(), err)) {
            return BAD_ARGUMENTS;
        }
        DeviceSelection device;
        try {
            device = DeviceSelection.resolve(options.device(), Backends.all());
        } catch (ArgumentException e) {
            e.problems().forEach(p -> err.println("imgcls bench: " + p));
            return BAD_ARGUMENTS;
        }
        err.println(device.description());
        try {
            BenchReport.print(new BenchRun(options, device, err).execute(), out);
            return OK;
        } catch (IOException | UncheckedIOException e) {
            err.println("imgcls bench: reading data failed: " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            err.println("imgcls bench: failed: " + e);
            return FAILED;
        }
    }

    /**
     * The kernel pool's size is fixed when the CPU backend first loads, from {@code imgcls.threads};
     * setting it here works when no kernel ran yet in this JVM. A conflicting, already started pool
     * is reported rather than silently measured.
     */
    private static boolean requestThreads(int threads, PrintStream err) {
        if (threads == 0) {
            return true;
        }
        System.setProperty("imgcls.threads", Integer.toString(threads));
        int actual = Parallel.threads();
        if (actual != threads) {
            err.println("imgcls bench: --threads=" + threads + " cannot apply: the kernel pool already runs " + actual
                    + " threads in this JVM (start a new JVM, or pass -Dimgcls.threads=" + threads + ")");
            return false;
        }
        return true;
    }
}
