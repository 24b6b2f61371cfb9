package dev.imgcls.train.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small system commands (id, chmod, chown, mount) with their status and output. */
final class Shell {
    private Shell() {
    }

    record Result(int status, String output) {
    }

    static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), output);
    }

    static int status(String... command) throws IOException, InterruptedException {
        return run(command).status();
    }

    static String output(String... command) throws IOException, InterruptedException {
        return run(command).output();
    }

    /** Runs and throws when the command fails: for set-up steps whose failure voids the probe. */
    static void check(String... command) throws IOException, InterruptedException {
        Result r = run(command);
        if (r.status() != 0) {
            throw new IOException(String.join(" ", command) + ": exit " + r.status() + ": " + r.output().strip());
        }
    }
}
