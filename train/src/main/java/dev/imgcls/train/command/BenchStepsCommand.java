package dev.imgcls.train.command;

import dev.imgcls.train.bench.BenchCommand;
import dev.imgcls.train.bench.BenchOptions;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.CommandLine;
import dev.imgcls.train.cli.FlagValues;

import java.io.PrintStream;

/** {@code imgcls bench}: training or inference throughput with a per-op-kind profile. */
final class BenchStepsCommand implements Command {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure training or inference throughput (images/s, time per op kind, GFLOP/s, memory)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = CommandLine.read(args, BenchOptions.FLAGS, false);
        if (line.helpRequested()) {
            out.print(BenchOptions.USAGE);
            return 0;
        }
        BenchOptions options;
        try {
            options = BenchOptions.of(new FlagValues(line));
        } catch (ArgumentException e) {
            return Arguments.rejected(e, err);
        }
        // A measurement on a pool of another size than asked would mislead: refuse it.
        if (!Threads.configure(options.threads(), err)) {
            return Arguments.USAGE;
        }
        return BenchCommand.run(options, out, err);
    }
}
