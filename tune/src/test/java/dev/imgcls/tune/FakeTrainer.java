package dev.imgcls.tune;

import dev.imgcls.tune.testing.HypertuneFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * A stand-in for {@code trainer.jar train}, run by the end-to-end test as a real subprocess. It takes the
 * tuner's arguments ({@code --job-dir}, {@code --threads}, the tuned parameters), records each start in
 * {@code <job-dir>/invocations.txt}, and reports an accuracy curve whose plateau depends on the parameters (best
 * at learning rate 1e-2 with adam) through the metric file named in its environment, pausing
 * {@code --fake_pause_ms} between reports (2 s for the trial ids listed in env {@code FAKE_SLOW_TRIALS}).
 * It writes {@code <job-dir>/model/} at the end, as the trainer would.
 */
public final class FakeTrainer {
    private FakeTrainer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> options = new HashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=")) {
                System.err.println("fake trainer: expected --name=value, got " + a);
                System.exit(2);
            }
            options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        Path jobDir = Path.of(required(options, "job-dir"));
        Integer.parseInt(required(options, "threads"));
        Files.createDirectories(jobDir);
        Files.writeString(jobDir.resolve("invocations.txt"), ProcessHandle.current().pid() + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("fake trainer: " + String.join(" ", args));

        double lr = Double.parseDouble(required(options, "initial_learning_rate"));
        boolean adam = required(options, "optimizer_type").equals("adam");
        double plateau = 0.9 - 0.1 * Math.pow(Math.log10(lr) + 2, 2) + (adam ? 0.05 : 0);
        long pause = Long.parseLong(options.getOrDefault("fake_pause_ms", "100"));
        String slowTrials = System.getenv().getOrDefault("FAKE_SLOW_TRIALS", "");
        if (java.util.Arrays.asList(slowTrials.split(",")).contains(System.getenv("CLOUD_ML_TRIAL_ID"))) {
            pause = 2000; // outlives a killed tuner, so that the resumed one must end it
        }
        int reports = Integer.parseInt(options.getOrDefault("fake_reports", "5"));
        HypertuneFile metrics = HypertuneFile.fromEnvironment(System.getenv());
        for (int i = 1; i <= reports; i++) {
            Thread.sleep(pause);
            metrics.report("top_1_accuracy", plateau * (1 - Math.exp(-i / 2.0)), 100L * i);
        }
        Files.createDirectories(jobDir.resolve("model"));
    }

    private static String required(Map<String, String> options, String name) {
        String v = options.get(name);
        if (v == null) {
            System.err.println("fake trainer: --" + name + " is required");
            System.exit(2);
        }
        return v;
    }
}
