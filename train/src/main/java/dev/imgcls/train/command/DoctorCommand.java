package dev.imgcls.train.command;

import dev.imgcls.train.cli.CommandLine;
import dev.imgcls.train.cli.FlagValues;
import dev.imgcls.train.doctor.GpuDoctor;

import java.io.PrintStream;
import java.util.List;

/** {@code imgcls doctor}: is this machine's GPU set up for the CUDA backend, and does the backend compute what the CPU does. */
final class DoctorCommand implements Command {
    static final String USAGE = """
            usage: imgcls doctor
              Checks this machine's GPU set-up and the CUDA backend, one line per item, then one verdict line:
                driver     the NVIDIA kernel module's version and the newest CUDA version its libcuda.so.1 supports
                libraries  the CUDA libraries the backend loaded, or what is missing and how to install it
                device     GPU 0's name, compute capability, and memory (total and free)
                ops        every op of the CUDA backend against the CPU backend on random inputs of awkward
                           shapes (odd sizes, batch 1 and 3, 13 channels...), each within its stated tolerance
                           (exact for data movement and selection, up to 4e-4 + 1e-4 relative for convolutions)
                training   3 training steps of resnet-18 and of efficientnet-b0 (64 px random images, batch 4,
                           momentum) on the CPU and on the GPU from the same initial weights and batches;
                           the per-step losses and the updated weights must agree within 1e-3 relative
              Takes under 5 minutes on one GPU.
              Exit status: 0 every check passed; 1 a check failed (the verdict names the first problem);
                           2 no NVIDIA GPU visible (/proc/driver/nvidia/gpus, /dev/nvidia0): one line, nothing checked.
            """;

    @Override
    public String name() {
        return "doctor";
    }

    @Override
    public String summary() {
        return "check the GPU set-up (driver, libraries, device) and the CUDA backend against the CPU";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = CommandLine.read(args, List.of(), false);
        if (line.helpRequested()) {
            out.print(USAGE);
            return 0;
        }
        if (!Arguments.usable(new FlagValues(line), err)) {
            return Arguments.USAGE;
        }
        return GpuDoctor.run(out);
    }
}
