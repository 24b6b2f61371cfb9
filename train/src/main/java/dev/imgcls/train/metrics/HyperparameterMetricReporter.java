package dev.imgcls.train.metrics;

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
import java.util.TreeMap;

/**
 * Reports the tuning objective the way Google's {@code cloudml-hypertune} does, so AI Platform's
 * hyperparameter tuning service reads our trials: the metric file is {@code CLOUD_ML_HP_METRIC_FILE}
 * (default {@code /tmp/hypertune/output.metrics}, parent created), the trial {@code CLOUD_ML_TRIAL_ID}
 * (default "0"); every report appends an entry to a queue of the latest {@value #MAX_ENTRIES} and
 * rewrites the whole file, one JSON object per entry:
 * <pre>{"global_step": "500", "timestamp": 1700000000.25, "top_1_accuracy": "0.8125", "trial": "0"}</pre>
 * Keys sorted, every value a string except the timestamp (float epoch seconds), numbers as Python's
 * {@code str(float)}. Unlike the Python package the file is replaced atomically (temp + rename), so
 * the service never reads half a file.
 *
 * <p>The built-in algorithm's objective is {@value #TOP_1_ACCURACY}; that is the default tag.
 */
public final class HyperparameterMetricReporter {
    public static final String METRIC_FILE_VARIABLE = "CLOUD_ML_HP_METRIC_FILE";
    public static final String TRIAL_ID_VARIABLE = "CLOUD_ML_TRIAL_ID";
    public static final String DEFAULT_METRIC_FILE = "/tmp/hypertune/output.metrics";
    public static final String TOP_1_ACCURACY = "top_1_accuracy";
    public static final int MAX_ENTRIES = 100;

    private final Path file;
    private final String trialId;
    private final InstantSource clock;
    private final Deque<String> lines = new ArrayDeque<>();

    /**
     * @param environment the process environment (injectable for tests)
     * @throws IOException if the metric file's directory cannot be created
     */
    public HyperparameterMetricReporter(Map<String, String> environment, InstantSource clock) throws IOException {
        this.file = Path.of(environment.getOrDefault(METRIC_FILE_VARIABLE, DEFAULT_METRIC_FILE));
        this.trialId = environment.getOrDefault(TRIAL_ID_VARIABLE, "0");
        this.clock = clock;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    public static HyperparameterMetricReporter fromEnvironment() throws IOException {
        return new HyperparameterMetricReporter(System.getenv(), InstantSource.system());
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
        // Not Files.createTempFile: its owner-only permissions would carry over to the metric file.
        Path temp = parent.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
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
