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
 * to and the crop padding of its centre crop, and the Const node holding each variable.
 *
 * <p>A model with the reference's crop padding (32) is written as format 1, as before the padding
 * could change; another padding is written as format 2 with {@code eval_crop_padding}, which older
 * builds refuse rather than preprocess with the wrong crop.
 *
 * @param evalCropPadding the 32 of the centre crop's {@code image_size / (image_size + 32)}
 * @param weightNodes variable name (as in TF checkpoints) → name of the graph node holding it
 */
public record ExportInfo(String modelType, int numClasses, int imageSize, int evalCropPadding, Map<String, String> weightNodes) {
    /** Where the file goes, relative to the SavedModel directory. */
    public static final String FILE = "assets.extra/imgcls_model.json";
    /** The format of a model with the reference crop; {@link #FORMAT_VERSION_CROP_PADDING} for another padding. */
    public static final int FORMAT_VERSION = 1;
    public static final int FORMAT_VERSION_CROP_PADDING = 2;
    /** The reference's CROP_PADDING. */
    public static final int REFERENCE_CROP_PADDING = 32;

    public ExportInfo {
        if (modelType == null || modelType.isEmpty()) {
            throw new IllegalArgumentException("model_type is missing");
        }
        if (numClasses < 1 || imageSize < 1) {
            throw new IllegalArgumentException("num_classes and image_size must be positive, got " + numClasses + " and " + imageSize);
        }
        if (evalCropPadding < 0) {
            throw new IllegalArgumentException("eval_crop_padding must be >= 0, got " + evalCropPadding);
        }
        weightNodes = Map.copyOf(weightNodes);
    }

    /** A model with the reference's crop padding. */
    public ExportInfo(String modelType, int numClasses, int imageSize, Map<String, String> weightNodes) {
        this(modelType, numClasses, imageSize, REFERENCE_CROP_PADDING, weightNodes);
    }

    public String toJson() {
        boolean reference = evalCropPadding == REFERENCE_CROP_PADDING;
        JsonObject o = new JsonObject();
        o.addProperty("format_version", reference ? FORMAT_VERSION : FORMAT_VERSION_CROP_PADDING);
        o.addProperty("model_type", modelType);
        o.addProperty("num_classes", numClasses);
        o.addProperty("image_size", imageSize);
        if (!reference) {
            o.addProperty("eval_crop_padding", evalCropPadding);
        }
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
            if (version != FORMAT_VERSION && version != FORMAT_VERSION_CROP_PADDING) {
                throw new IllegalArgumentException(FILE + " has format_version " + version + "; this build reads " + FORMAT_VERSION
                        + " and " + FORMAT_VERSION_CROP_PADDING);
            }
            int padding = version == FORMAT_VERSION ? REFERENCE_CROP_PADDING : required(o, "eval_crop_padding").getAsInt();
            Map<String, String> nodes = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : required(o, "weight_nodes").getAsJsonObject().entrySet()) {
                nodes.put(e.getKey(), e.getValue().getAsString());
            }
            return new ExportInfo(required(o, "model_type").getAsString(), required(o, "num_classes").getAsInt(),
                    required(o, "image_size").getAsInt(), padding, nodes);
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
