package dev.imgcls.train.provenance;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.List;

/** The short block {@code imgcls inspect} prints about a provenance file: one line per run and its inputs. */
public final class ProvenanceSummary {
    private ProvenanceSummary() {
    }

    /**
     * The block for the provenance file at {@code where}, or one line saying it could not be read.
     *
     * @param json the file's text
     */
    public static String of(String where, String json) {
        StringBuilder b = new StringBuilder("provenance (" + where + "):\n");
        try {
            JsonObject doc = JsonParser.parseString(json).getAsJsonObject();
            List<JsonObject> runs = ProvenanceJson.runs(json);
            b.append("  seed ").append(doc.get("seed").getAsLong());
            if (doc.has("exported_at_step")) {
                b.append(", model exported at step ").append(doc.get("exported_at_step").getAsLong());
            }
            b.append(", ").append(runs.size()).append(runs.size() == 1 ? " run\n" : " runs\n");
            for (int i = 0; i < runs.size(); i++) {
                JsonObject run = runs.get(i);
                JsonObject build = run.getAsJsonObject("build");
                b.append(String.format("  run %d: started %s at step %d, checkpoints %s; imgcls %s (commit %s%s), Java %s, %s%n", i + 1,
                        text(run, "started"), run.get("start_step").getAsLong(), run.get("checkpoint_steps"), text(build, "version"),
                        text(build, "commit"), "true".equals(text(build, "dirty")) ? ", modified" : "",
                        text(run.getAsJsonObject("java"), "version"), text(run.getAsJsonObject("device"), "backend")));
                JsonElement commandLine = run.get("command_line");
                b.append("    command line: ").append(commandLine == null || commandLine.isJsonNull() ? "(started from code)"
                        : String.join(" ", strings(commandLine.getAsJsonArray()))).append('\n');
                JsonObject input = run.getAsJsonObject("input");
                b.append("    input: ").append(inputs(input.getAsJsonArray("training"), "training"))
                        .append(", ").append(inputs(input.getAsJsonArray("validation"), "validation")).append('\n');
            }
        } catch (RuntimeException e) {
            return "provenance (" + where + "): not readable: " + e.getMessage() + "\n";
        }
        return b.toString();
    }

    /** "3 training files (1.2 MB, all hashed)" or "(…, 2 of 3 hashed, 1 pending)". */
    private static String inputs(JsonArray shards, String kind) {
        long bytes = 0;
        int hashed = 0;
        int failed = 0;
        for (JsonElement e : shards) {
            JsonObject s = e.getAsJsonObject();
            bytes += s.has("size") ? s.get("size").getAsLong() : 0;
            hashed += s.has("crc32c") && !s.get("crc32c").isJsonNull() ? 1 : 0;
            failed += s.has("error") ? 1 : 0;
        }
        String state = hashed == shards.size() ? "all hashed" : hashed + " of " + shards.size() + " hashed"
                + (failed > 0 ? ", " + failed + " unreadable" : "") + (shards.size() - hashed - failed > 0 ? ", "
                + (shards.size() - hashed - failed) + " pending" : "");
        return String.format("%d %s file%s (%.1f MB, %s)", shards.size(), kind, shards.size() == 1 ? "" : "s", bytes / 1e6, state);
    }

    private static String text(JsonObject o, String field) {
        JsonElement e = o == null ? null : o.get(field);
        return e == null || e.isJsonNull() ? "?" : e.getAsString();
    }

    private static List<String> strings(JsonArray a) {
        List<String> values = new ArrayList<>();
        a.forEach(e -> values.add(e.getAsString()));
        return values;
    }
}
