package dev.imgcls.tune.run;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.time.Instant;

/**
 * Runs each trial as a child process: {@code <command> <trainer arguments>}, with the trial's environment added to
 * the tuner's, stdout and stderr appended to the trial's log file. The command is what starts the trainer, e.g.
 * {@code java --add-modules=jdk.incubator.vector -jar imgcls-train.jar train} (see {@link TrainerCommand}).
 */
public final class SubprocessTrialLauncher implements TrialLauncher {
    private final List<String> command;

    public SubprocessTrialLauncher(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the trainer command is empty");
        }
        this.command = List.copyOf(command);
    }

    public List<String> command() {
        return command;
    }

    @Override
    public TrialProcess start(TrialRequest request) throws IOException {
        List<String> full = new ArrayList<>(command);
        full.addAll(request.arguments());
        ProcessBuilder pb = new ProcessBuilder(full);
        pb.environment().putAll(request.environment());
        pb.redirectErrorStream(true);
        pb.redirectOutput(Redirect.appendTo(request.logFile().toFile()));
        pb.redirectInput(Redirect.from(new java.io.File(nullDevice())));
        Process p = pb.start();
        return new Subprocess(p);
    }

    private static String nullDevice() {
        return System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null";
    }

    private record Subprocess(Process process) implements TrialProcess {
        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public int exitCode() {
            return process.exitValue();
        }

        @Override
        public void requestStop() {
            process.destroy();
        }

        @Override
        public void forceStop() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public Optional<Instant> startInstant() {
            return process.info().startInstant();
        }
    }
}
