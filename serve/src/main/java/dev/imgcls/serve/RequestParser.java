package dev.imgcls.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.imgcls.export.savedmodel.ServingSignature;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Reads the body of a TF Serving REST {@code :predict} request for our serving signature, in the row
 * format {@code {"instances": [{"image_bytes": {"b64": ...}, "key": ...}, ...]}} (an instance may
 * also be the bare {@code {"b64": ...}}) or the columnar format
 * {@code {"inputs": {"image_bytes": [{"b64": ...}, ...], "key": [...]}}}. Every refusal is an
 * {@link ApiException} with status 400 that says what was expected.
 */
final class RequestParser {
    private static final String ROW_EXAMPLE = "{\"instances\": [{\"image_bytes\": {\"b64\": \"...\"}, \"key\": \"1\"}]}";
    private static final String COLUMNAR_EXAMPLE = "{\"inputs\": {\"image_bytes\": [{\"b64\": \"...\"}], \"key\": [\"1\"]}}";

    private final int maxInstances;

    RequestParser(int maxInstances) {
        this.maxInstances = maxInstances;
    }

    PredictRequest parse(byte[] body) {
        JsonObject root = parseObject(body);
        JsonElement signature = root.get("signature_name");
        if (signature != null && !(isString(signature) && signature.getAsString().equals(ServingSignature.SIGNATURE_KEY))) {
            throw bad("signature_name " + signature + " is not served; this model has only \"" + ServingSignature.SIGNATURE_KEY + "\"");
        }
        boolean rows = root.has("instances");
        boolean columns = root.has("inputs");
        if (rows == columns) {
            throw bad((rows ? "the request has both \"instances\" and \"inputs\"" : "the request has neither \"instances\" nor \"inputs\"")
                    + "; send " + ROW_EXAMPLE + " or " + COLUMNAR_EXAMPLE);
        }
        return rows ? rows(root.get("instances")) : columns(root.get("inputs"));
    }

    private static JsonObject parseObject(byte[] body) {
        JsonElement root;
        try {
            root = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            throw bad("the body is not valid JSON (" + e.getMessage() + "); send " + ROW_EXAMPLE);
        }
        if (!root.isJsonObject()) {
            throw bad("the body must be a JSON object such as " + ROW_EXAMPLE);
        }
        return root.getAsJsonObject();
    }

    private PredictRequest rows(JsonElement instances) {
        if (!instances.isJsonArray() || instances.getAsJsonArray().isEmpty()) {
            throw bad("\"instances\" must be a non-empty list such as " + ROW_EXAMPLE);
        }
        JsonArray list = instances.getAsJsonArray();
        checkCount(list.size());
        List<byte[]> images = new ArrayList<>(list.size());
        List<String> keys = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String where = "instances[" + i + "]";
            JsonElement instance = list.get(i);
            if (!instance.isJsonObject()) {
                throw bad(where + " must be an object such as {\"image_bytes\": {\"b64\": \"...\"}, \"key\": \"1\"}");
            }
            JsonObject o = instance.getAsJsonObject();
            if (o.has("b64")) {
                images.add(base64(o, where));
                keys.add(null);
                continue;
            }
            JsonElement image = o.get(ServingSignature.IMAGE_BYTES);
            if (image == null) {
                throw bad(where + " has no \"" + ServingSignature.IMAGE_BYTES + "\"; expected {\"image_bytes\": {\"b64\": \"...\"}, \"key\": \"1\"}");
            }
            images.add(image(image, where + "." + ServingSignature.IMAGE_BYTES));
            JsonElement key = o.get(ServingSignature.KEY);
            keys.add(key == null ? null : key(key, where + "." + ServingSignature.KEY));
        }
        boolean anyKey = keys.stream().anyMatch(k -> k != null);
        if (anyKey && keys.contains(null)) {
            throw bad("instances[" + keys.indexOf(null) + "] has no \"key\" while others have one; give every instance a key, or none");
        }
        return new PredictRequest(images, anyKey ? keys : Collections.nCopies(images.size(), ServingSignature.DEFAULT_KEY), false);
    }

    private PredictRequest columns(JsonElement inputs) {
        JsonElement imageColumn;
        JsonElement keyColumn = null;
        if (inputs.isJsonObject() && !inputs.getAsJsonObject().has("b64")) {
            JsonObject o = inputs.getAsJsonObject();
            imageColumn = o.get(ServingSignature.IMAGE_BYTES);
            keyColumn = o.get(ServingSignature.KEY);
            if (imageColumn == null) {
                throw bad("\"inputs\" has no \"" + ServingSignature.IMAGE_BYTES + "\"; send " + COLUMNAR_EXAMPLE);
            }
        } else {
            // A signature's only needed input may be given directly as the value of "inputs".
            imageColumn = inputs;
        }
        JsonArray list = asList(imageColumn);
        if (list.isEmpty()) {
            throw bad("\"inputs.image_bytes\" is empty; send one image or more");
        }
        checkCount(list.size());
        List<byte[]> images = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            images.add(image(list.get(i), "inputs.image_bytes[" + i + "]"));
        }
        return new PredictRequest(images, columnKeys(keyColumn, images.size()), true);
    }

    /** The serving graph's broadcast of the key input: none → "default", one → repeated, else one per image. */
    private static List<String> columnKeys(JsonElement column, int n) {
        if (column == null) {
            return Collections.nCopies(n, ServingSignature.DEFAULT_KEY);
        }
        JsonArray list = asList(column);
        List<String> keys = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            keys.add(key(list.get(i), "inputs.key[" + i + "]"));
        }
        if (keys.size() == 1) {
            return Collections.nCopies(n, keys.get(0));
        }
        if (keys.size() != n) {
            throw bad(keys.size() + " keys for " + n + " images in \"inputs\"; send one key per image, a single key, or none");
        }
        return keys;
    }

    private static JsonArray asList(JsonElement column) {
        if (column.isJsonArray()) {
            return column.getAsJsonArray();
        }
        JsonArray one = new JsonArray(1);
        one.add(column);
        return one;
    }

    private void checkCount(int n) {
        if (n > maxInstances) {
            throw bad("the request has " + n + " images, more than --max_instances=" + maxInstances + "; split it into smaller requests");
        }
    }

    private static byte[] image(JsonElement value, String where) {
        if (!value.isJsonObject() || !value.getAsJsonObject().has("b64")) {
            throw bad(where + " must be an object {\"b64\": \"<base64 of the encoded image>\"}; binary inputs are sent base64-encoded");
        }
        return base64(value.getAsJsonObject(), where);
    }

    private static byte[] base64(JsonObject o, String where) {
        JsonElement b64 = o.get("b64");
        if (!isString(b64)) {
            throw bad(where + ".b64 must be a string of base64");
        }
        try {
            return Base64.getDecoder().decode(b64.getAsString());
        } catch (IllegalArgumentException e) {
            throw bad(where + ".b64 is not valid base64 (" + e.getMessage() + ")");
        }
    }

    private static String key(JsonElement key, String where) {
        if (!isString(key)) {
            throw bad(where + " must be a string, got " + key);
        }
        return key.getAsString();
    }

    private static boolean isString(JsonElement e) {
        return e instanceof JsonPrimitive p && p.isString();
    }

    private static ApiException bad(String message) {
        return new ApiException(400, message);
    }
}
