package dev.imgcls.train.bench;

import dev.imgcls.tensor.Backends;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.loop.DeviceSelection;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * {@code imgcls bench}: training or inference throughput ({@code --mode}) of one model configuration, where step time goes per
 * op kind (from the {@link dev.imgcls.tensor.profile.OpProfiler}), achieved GFLOP/s, memory
 * readings (a PyTorch comparison is the side-by-side harness's job, see {@link BenchReport}).
 */
public final class BenchCommand {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_ARGUMENTS = 2;

    private BenchCommand() {
    }

    /**
     * Runs the benchmark on a compute pool the command layer has sized; progress lines go to {@code err}, the
     * report to {@code out}. Returns the exit code.
     */
    public static int run(BenchOptions options, PrintStream out, PrintStream err) {
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
}
