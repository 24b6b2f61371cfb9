package dev.imgcls.train.command;

import dev.imgcls.kernels.EngineInfo;
import dev.imgcls.train.cli.CommandLine;
import dev.imgcls.train.cli.FlagSpec;
import dev.imgcls.train.cli.FlagValues;

import java.io.PrintStream;
import java.util.List;

/** {@code imgcls engine [--threads=N]}: the backends this machine has, the SIMD path and the CPU pool's size. */
final class EngineCommand implements Command {
    static final FlagSpec THREADS = FlagSpec.value("threads", "N");

    @Override
    public String name() {
        return "engine";
    }

    @Override
    public String summary() {
        return "list the backends found (CPU, CUDA), the one CPU tensors run on, the SIMD path and the pool size";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = CommandLine.read(args, List.of(THREADS), false);
        if (line.helpRequested()) {
            out.println("usage: imgcls engine [--threads=N]   (--threads: the pool size to check; default 0 = all cores)");
            return 0;
        }
        FlagValues v = new FlagValues(line);
        int threads = v.integerAtLeast(THREADS.name(), 0, 0);
        if (!Arguments.usable(v, err)) {
            return Arguments.USAGE;
        }
        Threads.configure(threads, err);
        EngineInfo.print(out);
        return 0;
    }
}
