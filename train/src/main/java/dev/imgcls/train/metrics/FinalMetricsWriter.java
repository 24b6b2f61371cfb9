package dev.imgcls.train.metrics;

import dev.imgcls.io.AtomicOutputStream;
import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A job's outcome as a small JSON file (local or {@code gs://}, replaced atomically):
 * <pre>
 * {
 *   "best": {"global_step": 800, "loss": 0.42, "top_1_accuracy": 0.8125, "top_5_accuracy": 1.0},
 *   "final": {"global_step": 1000, "loss": 0.45, "top_1_accuracy": 0.8, "top_5_accuracy": 1.0},
 *   "objective": "top_1_accuracy"
 * }
 * </pre>
 * {@code global_step} first, then the metrics by name; numbers as Python's {@code repr} writes
 * them, NaN and infinities as null; "best" or "final" is null when there was no evaluation.
 */
public final class FinalMetricsWriter {
    /** The conventional file name in the job directory. */
    public static final String FILE_NAME = "final_metrics.json";
    /** The "final" entry's step as {@link #render} writes it. */
    private static final Pattern FINAL_STEP = Pattern.compile("\"final\": \\{\"global_step\": (\\d+)");

    private FinalMetricsWriter() {
    }

    public static void write(String path, String objective, MetricsSnapshot finalMetrics, MetricsSnapshot best) throws IOException {
        FileSystem fs = FileSystems.forPath(path);
        byte[] bytes = render(objective, finalMetrics, best).getBytes(StandardCharsets.UTF_8);
        try (AtomicOutputStream out = fs.create(path)) {
            out.write(bytes);
            out.commit();
        }
    }

    /** The step of the "final" evaluation in a file this class wrote; empty when it has none ("final": null) or is not ours. */
    public static OptionalLong finalGlobalStep(String json) {
        Matcher m = FINAL_STEP.matcher(json);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    static String render(String objective, MetricsSnapshot finalMetrics, MetricsSnapshot best) {
        return "{\n"
                + "  \"best\": " + snapshot(best) + ",\n"
                + "  \"final\": " + snapshot(finalMetrics) + ",\n"
                + "  \"objective\": " + JsonText.quote(objective) + "\n"
                + "}\n";
    }

    private static String snapshot(MetricsSnapshot s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"global_step\": ").append(s.globalStep());
        for (Map.Entry<String, Double> e : s.values().entrySet()) {
            sb.append(", ").append(JsonText.quote(e.getKey())).append(": ").append(JsonText.number(e.getValue()));
        }
        return sb.append('}').toString();
    }
}
