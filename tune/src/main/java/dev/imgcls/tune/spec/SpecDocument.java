package dev.imgcls.tune.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a spec file, YAML (gcloud's {@code config.yaml}) or JSON (the REST API's job body), into a plain tree of
 * {@code Map<String, Object>}, {@code List<Object>}, {@code String}, {@code Number}, {@code Boolean} and null.
 */
final class SpecDocument {
    private SpecDocument() {
    }

    /** JSON when the text starts with '{' or the file is named *.json; YAML otherwise. */
    static Object read(String text, String source) {
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{") || source.toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
            return readJson(text, source);
        }
        return readYaml(text, source);
    }

    private static Object readYaml(String text, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        // A spec is a few dozen lines; refuse alias bombs and giant documents outright.
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1 << 20);
        try {
            return new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new InvalidStudySpecException(source, List.of("not valid YAML: " + e.getMessage()));
        }
    }

    private static Object readJson(String text, String source) {
        try {
            return toPlain(JsonParser.parseString(text));
        } catch (JsonParseException e) {
            throw new InvalidStudySpecException(source, List.of("not valid JSON: " + e.getMessage()));
        }
    }

    private static Object toPlain(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Entry<String, JsonElement> m : ((JsonObject) e).entrySet()) {
                map.put(m.getKey(), toPlain(m.getValue()));
            }
            return map;
        }
        if (e.isJsonArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonElement item : (JsonArray) e) {
                list.add(toPlain(item));
            }
            return list;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            return new BigDecimal(p.getAsString());
        }
        return p.getAsString();
    }
}
