package dev.imgcls.train.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A trainer running as a child process. Its output goes to files, not pipes, so that nothing is
 * lost or blocked when it is killed; the process is started through {@code exec}, so its pid is
 * the JVM's own (what a lock file names, what SIGKILL reaches).
 */
final class TrainerProcess {
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final long startNanos = System.nanoTime();

    TrainerProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** True if it ended within {@code millis}. */
    boolean waitFor(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    /** Waits for the end; past {@code timeoutSeconds} kills it and says it timed out. */
    RunResult await(long timeoutSeconds) throws IOException, InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return result(false, true);
        }
        return result(false, false);
    }

    /** SIGKILL (what {@link Process#destroyForcibly()} sends on Linux), then the result. */
    RunResult kill() throws IOException, InterruptedException {
        boolean wasAlive = process.isAlive();
        process.destroyForcibly().waitFor();
        return result(wasAlive, false);
    }

    /** Sends a signal by name (STOP, CONT) to the trainer. */
    void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start().waitFor();
    }

    /** The output so far (the process may still run). */
    String outSoFar() throws IOException {
        return Files.exists(stdout) ? text(stdout) : "";
    }

    private RunResult result(boolean killed, boolean timedOut) throws IOException {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return new RunResult(process.exitValue(), text(stdout), text(stderr), seconds, killed, timedOut);
    }

    /** Lenient: a kill can cut a multi-byte character in half. */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
