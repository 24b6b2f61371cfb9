package dev.imgcls.train.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fault-point trace ({@code -Dimgcls.faults.trace}): the points a run reached, in order. The
 * suite picks its crash points from it rather than from a list that could fall behind the code.
 */
record Trace(List<String> points) {
    static Trace read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new Trace(List.of());
        }
        List<String> points = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                points.add(line.strip());
            }
        }
        return new Trace(points);
    }

    /** Each point with how often it was reached, in order of first reach. */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        points.forEach(p -> counts.merge(p, 1, Integer::sum));
        return counts;
    }

    boolean reached(String point) {
        return points.contains(point);
    }
}
