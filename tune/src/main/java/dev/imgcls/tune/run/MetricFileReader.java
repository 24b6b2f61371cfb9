package dev.imgcls.tune.run;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.imgcls.tune.study.MetricPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a cloudml-hypertune metric file: one JSON object per line,
 * {@code {"global_step": "500", "timestamp": 1.7e9, "top_1_accuracy": "0.8125", "trial": "3"}}, values as strings
 * (numbers are accepted too). The writer rewrites the whole file on every report without a rename, so a read can
 * catch it half written: lines that do not parse, or that lack the metric, are skipped; the next poll sees them.
 */
public final class MetricFileReader {
    private MetricFileReader() {
    }

    /** The reports of {@code tag} in the file, in file order; empty when the file does not exist yet. */
    public static List<MetricPoint> read(Path file, String tag) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (java.nio.charset.MalformedInputException e) {
            // Caught mid-write inside a multi-byte character; the next poll reads the finished file.
            return List.of();
        }
        List<MetricPoint> points = new ArrayList<>();
        for (String line : lines) {
            parse(line, tag, points);
        }
        return points;
    }

    private static void parse(String line, String tag, List<MetricPoint> out) {
        if (line.isBlank()) {
            return;
        }
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(line);
            if (!e.isJsonObject()) {
                return;
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            return;
        }
        if (!o.has(tag) || !o.get(tag).isJsonPrimitive()) {
            return;
        }
        try {
            double value = Double.parseDouble(o.get(tag).getAsString());
            long step = 0;
            if (o.has("global_step") && o.get("global_step").isJsonPrimitive()) {
                // Python's hypertune writes str(int(step)); tolerate "500.0" as well.
                step = (long) Double.parseDouble(o.get("global_step").getAsString());
            }
            if (Double.isFinite(value)) {
                out.add(new MetricPoint(step, value));
            }
        } catch (NumberFormatException e) {
            // A value that is not a number is not a report we can use.
        }
    }
}
