package dev.imgcls.train.provenance;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The provenance file's JSON ({@value #FORMAT_VERSION}): one document per job, a list of its runs
 * (a resumed job adds one), each with its command line, effective arguments, seed, build, Java,
 * device and input files with their hashes.
 * <pre>
 * {"format_version": 1, "seed": 17, "runs": [{"started": "…", "start_step": 0, "checkpoint_steps": [3, 6],
 *   "command_line": ["--training_data_path=…", …], "arguments": {"training_data_path": "…", …},
 *   "seed": 17, "build": {"version": "0.1.0", "commit": "…", "dirty": "false"}, "java": {…}, "os": {…},
 *   "device": {…}, "input": {"training": [{"path": "…", "size": 123, "modified": "…", "crc32c": "…"}], "validation": […]}}],
 *  "exported_at_step": 6}                                  (in a SavedModel's copy only)
 * </pre>
 */
final class ProvenanceJson {
    static final int FORMAT_VERSION = 1;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    private ProvenanceJson() {
    }

    /** The earlier runs of a provenance file, as written (fields this build does not know are kept). */
    static List<JsonObject> runs(String json) {
        try {
            JsonObject doc = JsonParser.parseString(json).getAsJsonObject();
            JsonElement version = doc.get("format_version");
            if (version == null || version.getAsInt() != FORMAT_VERSION) {
                throw new IllegalArgumentException("format_version " + version + ", this build reads " + FORMAT_VERSION);
            }
            List<JsonObject> runs = new ArrayList<>();
            for (JsonElement run : doc.getAsJsonArray("runs")) {
                runs.add(run.getAsJsonObject());
            }
            return runs;
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NullPointerException
                 | NumberFormatException e) {
            throw new IllegalArgumentException("not a provenance file: " + e.getMessage(), e);
        }
    }

    /** The hashed local files recorded in runs, for reuse when path, size and modification time still match. */
    static List<ShardFingerprint> hashedLocalFiles(List<JsonObject> runs) {
        List<ShardFingerprint> files = new ArrayList<>();
        for (JsonObject run : runs) {
            JsonObject input = run.get("input") instanceof JsonObject o ? o : null;
            if (input == null) {
                continue;
            }
            for (String set : List.of("training", "validation")) {
                if (!(input.get(set) instanceof JsonArray shards)) {
                    continue;
                }
                for (JsonElement e : shards) {
                    try {
                        JsonObject s = e.getAsJsonObject();
                        if (s.has("crc32c") && !s.get("crc32c").isJsonNull() && s.has("modified") && !s.get("modified").isJsonNull()) {
                            files.add(new ShardFingerprint(s.get("path").getAsString(), s.get("size").getAsLong(),
                                    Instant.parse(s.get("modified").getAsString()).toEpochMilli(), s.get("crc32c").getAsString(), null,
                                    null, null));
                        }
                    } catch (RuntimeException unusable) {
                        // An entry this build cannot read is only a cache miss: the file is hashed again.
                    }
                }
            }
        }
        return files;
    }

    static JsonObject shard(ShardFingerprint f) {
        JsonObject o = new JsonObject();
        o.addProperty("path", f.path());
        if (f.size() >= 0) {
            o.addProperty("size", f.size());
        }
        if (f.modifiedMillis() != null) {
            o.addProperty("modified", Instant.ofEpochMilli(f.modifiedMillis()).toString());
        }
        if (f.generation() != null) {
            o.addProperty("generation", f.generation());
        }
        o.addProperty("crc32c", f.crc32c());
        if (f.md5() != null) {
            o.addProperty("md5", f.md5());
        }
        if (f.error() != null) {
            o.addProperty("error", f.error());
        } else if (f.crc32c() == null) {
            o.addProperty("status", "pending: the job ended or stopped before this file was hashed");
        }
        return o;
    }

    /** The current run's record. */
    static JsonObject run(RunFacts facts, BuildInfo build, List<Long> checkpointSteps, Function<String, ShardFingerprint> fingerprint) {
        JsonObject run = new JsonObject();
        run.addProperty("started", facts.started().toString());
        run.addProperty("start_step", facts.startStep());
        JsonArray steps = new JsonArray();
        checkpointSteps.forEach(steps::add);
        run.add("checkpoint_steps", steps);
        run.add("command_line", facts.commandLine() == null ? null : strings(facts.commandLine()));
        JsonObject arguments = new JsonObject();
        for (String a : facts.arguments()) {
            int eq = a.indexOf('=');
            arguments.addProperty(a.substring(2, eq), a.substring(eq + 1));
        }
        run.add("arguments", arguments);
        run.addProperty("seed", facts.seed());
        JsonObject b = new JsonObject();
        b.addProperty("version", build.version());
        b.addProperty("commit", build.commit());
        b.addProperty("dirty", build.dirty());
        run.add("build", b);
        JsonObject java = new JsonObject();
        java.addProperty("version", System.getProperty("java.version"));
        java.addProperty("vendor", System.getProperty("java.vendor"));
        java.addProperty("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        run.add("java", java);
        JsonObject os = new JsonObject();
        os.addProperty("name", System.getProperty("os.name"));
        os.addProperty("version", System.getProperty("os.version"));
        os.addProperty("arch", System.getProperty("os.arch"));
        os.addProperty("processors", Runtime.getRuntime().availableProcessors());
        run.add("os", os);
        JsonObject device = new JsonObject();
        device.addProperty("description", facts.device());
        device.addProperty("backend", facts.backend());
        device.addProperty("compute_threads", facts.computeThreads());
        run.add("device", device);
        JsonObject input = new JsonObject();
        input.add("training", shards(facts.trainingShards(), fingerprint));
        input.add("validation", shards(facts.validationShards(), fingerprint));
        run.add("input", input);
        return run;
    }

    /** The whole document: earlier runs, then this one; {@code exportedAtStep} null for the checkpoints' copy. */
    static String document(long seed, List<JsonObject> runs, Long exportedAtStep) {
        JsonObject doc = new JsonObject();
        doc.addProperty("format_version", FORMAT_VERSION);
        doc.addProperty("seed", seed);
        JsonArray all = new JsonArray();
        runs.forEach(all::add);
        doc.add("runs", all);
        if (exportedAtStep != null) {
            doc.addProperty("exported_at_step", exportedAtStep);
        }
        return GSON.toJson(doc) + "\n";
    }

    private static JsonArray shards(List<String> paths, Function<String, ShardFingerprint> fingerprint) {
        JsonArray a = new JsonArray();
        paths.forEach(p -> a.add(shard(fingerprint.apply(p))));
        return a;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }
}
