package dev.imgcls.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void readsEveryKindOfValue() {
        Map<String, Object> want = new HashMap<>();
        want.put("a", List.of(1.0, -2.5e3, "x\"y\\z\u00e9/"));
        want.put("b", Map.of("t", true, "f", false));
        want.put("n", null);
        want.put("e", Map.of());
        want.put("l", List.of());
        assertEquals(want, Json.parse(" {\"a\": [1, -2.5e3, \"x\\\"y\\\\z\\u00e9\\/\"], \"b\": {\"t\": true, \"f\": false}, \"n\": null, \"e\": {},"
                + " \"l\": [] } "));
    }

    @Test
    void refusesMalformedText() {
        for (String bad : Arrays.asList("", "{", "{\"a\" 1}", "[1,]", "{\"a\":1} x", "\"open", "tru", "{a:1}")) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
    }
}
