package dev.imgcls.train.command;

import dev.imgcls.train.bench.BenchCommand;

import java.io.PrintStream;

/** {@code imgcls bench}: training throughput with a per-op-kind profile. */
final class BenchStepsCommand implements Command {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure training throughput (images/s, time per op kind, GFLOP/s, memory)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        return BenchCommand.run(args, out, err);
    }
}
