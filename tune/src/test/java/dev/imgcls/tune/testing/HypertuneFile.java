package dev.imgcls.tune.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A test-side stand-in for the trainer's metric writer, doing what cloudml-hypertune does: keep the last 100
 * reports and rewrite the whole file, one JSON object per line with sorted keys and string values.
 */
public final class HypertuneFile {
    private final Path file;
    private final String trialId;
    private final Deque<String> lines = new ArrayDeque<>();

    public HypertuneFile(Path file, String trialId) {
        this.file = file;
        this.trialId = trialId;
    }

    /** From the environment a trial gets: CLOUD_ML_HP_METRIC_FILE and CLOUD_ML_TRIAL_ID. */
    public static HypertuneFile fromEnvironment(java.util.Map<String, String> env) {
        return new HypertuneFile(Path.of(env.get("CLOUD_ML_HP_METRIC_FILE")), env.getOrDefault("CLOUD_ML_TRIAL_ID", "0"));
    }

    public void report(String tag, double value, long step) throws IOException {
        String line = String.format(Locale.ROOT,
                "{\"global_step\": \"%d\", \"timestamp\": %.6f, \"%s\": \"%s\", \"trial\": \"%s\"}",
                step, System.currentTimeMillis() / 1000.0, tag, Double.toString(value), trialId);
        lines.addLast(line);
        while (lines.size() > 100) {
            lines.removeFirst();
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
