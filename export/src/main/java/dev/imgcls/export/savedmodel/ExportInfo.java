package dev.imgcls.export.savedmodel;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a SavedModel of ours needs to be loaded back into the engine, kept beside it in
 * {@code assets.extra/imgcls_model.json} (TF loaders and TF Serving ignore that file): the
 * model_type and num_classes that rebuild the network, the image_size its serving graph resizes
 * to, and the Const node holding each variable.
 *
 * @param weightNodes variable name (as in TF checkpoints) → name of the graph node holding it
 */
public record ExportInfo(String modelType, int numClasses, int imageSize, Map<String, String> weightNodes) {
    /** Where the file goes, relative to the SavedModel directory. */
    public static final String FILE = "assets.extra/imgcls_model.json";
    public static final int FORMAT_VERSION = 1;

    public ExportInfo {
        if (modelType == null || modelType.isEmpty()) {
            throw new IllegalArgumentException("model_type is missing");
        }
        if (numClasses < 1 || imageSize < 1) {
            throw new IllegalArgumentException("num_classes and image_size must be positive, got " + numClasses + " and " + imageSize);
        }
        weightNodes = Map.copyOf(weightNodes);
    }

    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("format_version", FORMAT_VERSION);
        o.addProperty("model_type", modelType);
        o.addProperty("num_classes", numClasses);
        o.addProperty("image_size", imageSize);
        JsonObject w = new JsonObject();
        new java.util.TreeMap<>(weightNodes).forEach(w::addProperty);
        o.add("weight_nodes", w);
        Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
        return gson.toJson(o) + "\n";
    }

    public static ExportInfo fromJson(String json) {
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            int version = required(o, "format_version").getAsInt();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException(FILE + " has format_version " + version + "; this build reads " + FORMAT_VERSION);
            }
            Map<String, String> nodes = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : required(o, "weight_nodes").getAsJsonObject().entrySet()) {
                nodes.put(e.getKey(), e.getValue().getAsString());
            }
            return new ExportInfo(required(o, "model_type").getAsString(), required(o, "num_classes").getAsInt(),
                    required(o, "image_size").getAsInt(), nodes);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
            throw new IllegalArgumentException(FILE + " is not valid: " + e.getMessage(), e);
        }
    }

    private static JsonElement required(JsonObject o, String field) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException(FILE + " lacks " + field);
        }
        return e;
    }
}
