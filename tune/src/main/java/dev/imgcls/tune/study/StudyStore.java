package dev.imgcls.tune.study;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.imgcls.tune.space.Assignment;
import dev.imgcls.tune.space.ParameterValue;
import dev.imgcls.tune.spec.InvalidStudySpecException;
import dev.imgcls.tune.spec.StudySpec;
import dev.imgcls.tune.spec.StudySpecJson;
import dev.imgcls.tune.spec.StudySpecParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The study file, {@code <job-dir>/study.json}: spec, seed, trainer arguments and every trial (parameters, metric
 * history, state, result, error, process). Written whole to a temporary file and renamed over the old one, so a
 * kill at any moment leaves either the previous or the new version, never a torn one.
 */
public final class StudyStore {
    public static final String FILE_NAME = "study.json";
    static final int FORMAT = 1;

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final Path file;

    public StudyStore(Path jobDir) {
        this.file = jobDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    public void save(Study study) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.writeString(tmp, GSON.toJson(toJson(study)) + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public Study load() throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return fromJson(JsonParser.parseString(text).getAsJsonObject());
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException
                 | NullPointerException | InvalidStudySpecException e) {
            throw new IOException("study file " + file + " is not a readable study: " + e.getMessage(), e);
        }
    }

    static JsonObject toJson(Study study) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("seed", study.seed());
        o.add("spec", StudySpecJson.toJson(study.spec()));
        JsonArray args = new JsonArray();
        study.trainerArguments().forEach(args::add);
        o.add("trainerArguments", args);
        JsonArray trials = new JsonArray();
        for (Trial t : study.trials()) {
            trials.add(trialToJson(t, study.spec()));
        }
        o.add("trials", trials);
        return o;
    }

    private static JsonObject trialToJson(Trial t, StudySpec spec) {
        JsonObject j = new JsonObject();
        j.addProperty("trialId", Integer.toString(t.id()));
        j.addProperty("state", t.state().name());
        JsonObject params = new JsonObject();
        t.assignment().values().forEach((name, v) -> {
            if (v instanceof ParameterValue.Numeric n) {
                params.addProperty(name, n.value());
            } else {
                params.addProperty(name, ((ParameterValue.Categorical) v).value());
            }
        });
        j.add("parameters", params);
        t.finalMetric(spec.goal()).ifPresent(m -> j.add("finalMetric", point(m)));
        JsonArray history = new JsonArray();
        t.history().forEach(m -> history.add(point(m)));
        j.add("metrics", history);
        t.error().ifPresent(e -> j.addProperty("error", e));
        if (t.pid() > 0) {
            j.addProperty("pid", t.pid());
        }
        t.processStart().ifPresent(s -> j.addProperty("processStart", s.toString()));
        t.startTime().ifPresent(s -> j.addProperty("startTime", s.toString()));
        t.endTime().ifPresent(s -> j.addProperty("endTime", s.toString()));
        j.addProperty("launches", t.launches());
        return j;
    }

    private static JsonObject point(MetricPoint m) {
        JsonObject p = new JsonObject();
        p.addProperty("step", m.step());
        p.addProperty("value", m.value());
        return p;
    }

    static Study fromJson(JsonObject o) {
        int format = o.get("format").getAsInt();
        if (format != FORMAT) {
            throw new IllegalStateException("unknown study file format " + format + " (this tuner writes " + FORMAT + ")");
        }
        StudySpec spec = StudySpecParser.parse(o.getAsJsonObject("spec").toString(), "(stored in the study file)");
        List<String> args = new ArrayList<>();
        o.getAsJsonArray("trainerArguments").forEach(e -> args.add(e.getAsString()));
        Study study = new Study(spec, o.get("seed").getAsLong(), args);
        for (JsonElement e : o.getAsJsonArray("trials")) {
            study.addRestored(trialFromJson(e.getAsJsonObject()));
        }
        return study;
    }

    private static Trial trialFromJson(JsonObject j) {
        Map<String, ParameterValue> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> p : j.getAsJsonObject("parameters").entrySet()) {
            var prim = p.getValue().getAsJsonPrimitive();
            values.put(p.getKey(), prim.isNumber() ? ParameterValue.of(prim.getAsDouble())
                    : ParameterValue.of(prim.getAsString()));
        }
        Trial t = new Trial(Integer.parseInt(j.get("trialId").getAsString()), new Assignment(values));
        List<MetricPoint> history = new ArrayList<>();
        for (JsonElement m : j.getAsJsonArray("metrics")) {
            JsonObject p = m.getAsJsonObject();
            history.add(new MetricPoint(p.get("step").getAsLong(), p.get("value").getAsDouble()));
        }
        t.mergeMetrics(history);
        t.restore(TrialState.valueOf(j.get("state").getAsString()),
                string(j, "error").orElse(null),
                j.has("pid") ? j.get("pid").getAsLong() : -1,
                string(j, "processStart").map(Instant::parse).orElse(null),
                string(j, "startTime").map(Instant::parse).orElse(null),
                string(j, "endTime").map(Instant::parse).orElse(null),
                j.get("launches").getAsInt());
        return t;
    }

    private static Optional<String> string(JsonObject j, String key) {
        return j.has(key) && !j.get(key).isJsonNull() ? Optional.of(j.get(key).getAsString()) : Optional.empty();
    }
}
