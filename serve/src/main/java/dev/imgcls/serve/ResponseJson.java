package dev.imgcls.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import dev.imgcls.export.savedmodel.ServingSignature;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The JSON bodies the server answers with, in TF Serving's REST shapes and the serving signature's output names. */
final class ResponseJson {
    private ResponseJson() {
    }

    /**
     * Row format {@code {"predictions": [{"classes": c, "probabilities": [...], "key": k}, ...]}}, or for a
     * columnar request {@code {"outputs": {"classes": [...], "probabilities": [[...], ...], "key": [...]}}}.
     */
    static String predictions(PredictRequest request, float[][] probabilities) {
        StringWriter text = new StringWriter();
        try (JsonWriter w = new JsonWriter(text)) {
            w.beginObject();
            if (request.columnar()) {
                w.name("outputs").beginObject();
                w.name(ServingSignature.CLASSES).beginArray();
                for (float[] p : probabilities) {
                    w.value(argmax(p));
                }
                w.endArray();
                w.name(ServingSignature.PROBABILITIES).beginArray();
                for (float[] p : probabilities) {
                    floats(w, p);
                }
                w.endArray();
                w.name(ServingSignature.KEY).beginArray();
                for (String key : request.keys()) {
                    w.value(key);
                }
                w.endArray().endObject();
            } else {
                w.name("predictions").beginArray();
                for (int i = 0; i < probabilities.length; i++) {
                    w.beginObject();
                    w.name(ServingSignature.CLASSES).value(argmax(probabilities[i]));
                    w.name(ServingSignature.PROBABILITIES);
                    floats(w, probabilities[i]);
                    w.name(ServingSignature.KEY).value(request.keys().get(i));
                    w.endObject();
                }
                w.endArray();
            }
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** The first index of the largest probability: softmax keeps the order of the logits, so the argmax of the logits. */
    static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    private static void floats(JsonWriter w, float[] values) throws IOException {
        w.beginArray();
        for (float v : values) {
            // Float's shortest decimal, which reads back to the same float.
            w.value(Float.valueOf(v));
        }
        w.endArray();
    }

    static String error(String message) {
        JsonObject o = new JsonObject();
        o.addProperty("error", message);
        return o.toString();
    }

    /** {@code GET /v1/models/NAME}: one version, available. */
    static String status(String version) {
        JsonObject status = new JsonObject();
        status.addProperty("error_code", "OK");
        status.addProperty("error_message", "");
        JsonObject v = new JsonObject();
        v.addProperty("version", version);
        v.addProperty("state", "AVAILABLE");
        v.add("status", status);
        JsonArray list = new JsonArray();
        list.add(v);
        JsonObject o = new JsonObject();
        o.add("model_version_status", list);
        return o.toString();
    }

    /** {@code GET /v1/models/NAME/metadata}: the serving_default signature as TF Serving describes a SignatureDef. */
    static String metadata(String modelName, String version, int numClasses) {
        JsonObject inputs = new JsonObject();
        inputs.add(ServingSignature.IMAGE_BYTES, tensorInfo("DT_STRING", -1));
        inputs.add(ServingSignature.KEY, tensorInfo("DT_STRING", -1));
        JsonObject outputs = new JsonObject();
        outputs.add(ServingSignature.CLASSES, tensorInfo("DT_INT64", -1));
        outputs.add(ServingSignature.PROBABILITIES, tensorInfo("DT_FLOAT", -1, numClasses));
        outputs.add(ServingSignature.KEY, tensorInfo("DT_STRING", -1));
        JsonObject signature = new JsonObject();
        signature.add("inputs", inputs);
        signature.add("outputs", outputs);
        signature.addProperty("method_name", ServingSignature.METHOD_NAME);
        JsonObject signatures = new JsonObject();
        signatures.add(ServingSignature.SIGNATURE_KEY, signature);
        JsonObject signatureDef = new JsonObject();
        signatureDef.add("signature_def", signatures);
        JsonObject metadata = new JsonObject();
        metadata.add("signature_def", signatureDef);
        JsonObject spec = new JsonObject();
        spec.addProperty("name", modelName);
        spec.addProperty("signature_name", "");
        spec.addProperty("version", version);
        JsonObject o = new JsonObject();
        o.add("model_spec", spec);
        o.add("metadata", metadata);
        return o.toString();
    }

    private static JsonObject tensorInfo(String dtype, long... dims) {
        JsonArray dimList = new JsonArray();
        for (long d : dims) {
            JsonObject dim = new JsonObject();
            dim.addProperty("size", Long.toString(d));
            dim.addProperty("name", "");
            dimList.add(dim);
        }
        JsonObject shape = new JsonObject();
        shape.add("dim", dimList);
        shape.addProperty("unknown_rank", false);
        JsonObject info = new JsonObject();
        info.addProperty("dtype", dtype);
        info.add("tensor_shape", shape);
        return info;
    }
}
