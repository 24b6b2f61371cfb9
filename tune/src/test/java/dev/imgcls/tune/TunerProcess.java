package dev.imgcls.tune;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The tuner as a process of its own, for tests that kill it: {@code SPEC JOB_DIR SEED TRAINER_COMMAND
 * [TRAINING ARGS...]}, polled every 50 ms on 4 threads. (The product's entry point is the trainer jar's
 * {@code tune} command, whose flags this module does not parse.)
 */
public final class TunerProcess {
    private TunerProcess() {
    }

    public static void main(String[] args) {
        TuneOptions options = new TuneOptions(Path.of(args[0]), Path.of(args[1]),
                OptionalLong.of(Long.parseLong(args[2])), Optional.of(args[3]), TuneOptions.pollSeconds(0.05), 4,
                Arrays.asList(args).subList(4, args.length));
        System.exit(TuneCommand.run(options, System.out, System.err));
    }
}
