package dev.imgcls.train.metrics;

import dev.imgcls.io.TemporaryNames;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reports the tuning objective the way Google's {@code cloudml-hypertune} does, so AI Platform's
 * hyperparameter tuning service reads our trials: every report appends an entry to a queue of the
 * latest {@value #MAX_ENTRIES} and rewrites the whole file, one JSON object per entry:
 * <pre>{"global_step": "500", "timestamp": 1700000000.25, "top_1_accuracy": "0.8125", "trial": "0"}</pre>
 * Keys sorted, every value a string except the timestamp (float epoch seconds), numbers as Python's
 * {@code str(float)}. Unlike the Python package the file is replaced atomically (temp + rename), so
 * the service never reads half a file.
 *
 * <p>Where: {@code CLOUD_ML_HP_METRIC_FILE} when set; otherwise cloudml-hypertune's default
 * {@value #DEFAULT_METRIC_FILE}, but only when the job runs as a tuning trial (the service sets
 * {@code CLOUD_ML_TRIAL_ID}, or a {@code trial} in {@code TF_CONFIG}'s task); an ordinary job
 * writes no metric file, so it never touches a folder that another user's job created.
 *
 * <p>The built-in algorithm's objective is {@value #TOP_1_ACCURACY}; that is the default tag.
 */
public final class HyperparameterMetricReporter {
    public static final String METRIC_FILE_VARIABLE = "CLOUD_ML_HP_METRIC_FILE";
    public static final String TRIAL_ID_VARIABLE = "CLOUD_ML_TRIAL_ID";
    public static final String DEFAULT_METRIC_FILE = "/tmp/hypertune/output.metrics";
    public static final String TOP_1_ACCURACY = "top_1_accuracy";
    public static final int MAX_ENTRIES = 100;

    public static final String TF_CONFIG_VARIABLE = "TF_CONFIG";
    // The trial id the tuning service puts in TF_CONFIG's task: {"task": {"type": "master", "trial": "3", ...}, ...}
    private static final Pattern TF_CONFIG_TRIAL = Pattern.compile("\"task\"\\s*:\\s*\\{[^}]*\"trial\"\\s*:\\s*\"?([^\",}\\s]+)");

    private final Path file;
    private final String trialId;
    private final InstantSource clock;
    private final Deque<String> lines = new ArrayDeque<>();

    /** Reports to {@code file} as trial {@code trialId}. */
    public HyperparameterMetricReporter(Path file, String trialId, InstantSource clock) {
        this.file = file;
        this.trialId = trialId;
        this.clock = clock;
    }

    /**
     * The reporter a job with this environment gets, or none when it is neither given a metric file
     * nor run as a tuning trial.
     */
    public static Optional<HyperparameterMetricReporter> forEnvironment(Map<String, String> environment, InstantSource clock) {
        Optional<String> trial = trialId(environment);
        String file = environment.get(METRIC_FILE_VARIABLE);
        if (file == null || file.isEmpty()) {
            if (trial.isEmpty()) {
                return Optional.empty();
            }
            file = DEFAULT_METRIC_FILE;
        }
        return Optional.of(new HyperparameterMetricReporter(Path.of(file), trial.orElse("0"), clock));
    }

    /** {@code CLOUD_ML_TRIAL_ID}, else the trial of {@code TF_CONFIG}'s task. */
    static Optional<String> trialId(Map<String, String> environment) {
        String id = environment.get(TRIAL_ID_VARIABLE);
        if (id != null && !id.isEmpty()) {
            return Optional.of(id);
        }
        String tfConfig = environment.get(TF_CONFIG_VARIABLE);
        if (tfConfig != null) {
            Matcher m = TF_CONFIG_TRIAL.matcher(tfConfig);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    public Path file() {
        return file;
    }

    public String trialId() {
        return trialId;
    }

    /** Reports top-1 accuracy at a global step. */
    public void report(double top1Accuracy, long globalStep) throws IOException {
        report(TOP_1_ACCURACY, top1Accuracy, globalStep);
    }

    public synchronized void report(String tag, double value, long globalStep) throws IOException {
        if (tag.isEmpty()) {
            throw new IllegalArgumentException("the metric tag must not be empty");
        }
        // Python's sort_keys orders by code point.
        Map<String, String> entry = new TreeMap<>((a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
        entry.put("timestamp", PythonFloat.repr(seconds(clock.instant())));
        entry.put("trial", JsonText.quote(trialId));
        entry.put(tag, JsonText.quote(PythonFloat.repr(value)));
        entry.put("global_step", JsonText.quote(Long.toString(globalStep)));
        StringBuilder line = new StringBuilder("{");
        entry.forEach((key, json) -> line.append(line.length() > 1 ? ", " : "").append(JsonText.quote(key)).append(": ").append(json));
        lines.addLast(line.append('}').toString());
        while (lines.size() > MAX_ENTRIES) {
            lines.removeFirst();
        }
        rewrite();
    }

    private void rewrite() throws IOException {
        StringBuilder content = new StringBuilder();
        for (String line : lines) {
            content.append(line).append('\n');
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // Not Files.createTempFile: its owner-only permissions would carry over to the metric file.
        Path temp = parent.resolve(TemporaryNames.forFile(file.getFileName().toString()));
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static double seconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }
}
