package dev.imgcls.serve;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestParserTest {
    private final RequestParser parser = new RequestParser(4);

    private PredictRequest parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRefused(String fragment, String json) {
        ApiException e = assertThrows(ApiException.class, () -> parse(json));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void rowFormatWithAndWithoutKeys() {
        // "AQI=" is {1, 2}, "Aw==" is {3}.
        PredictRequest r = parse("{\"instances\": [{\"image_bytes\": {\"b64\": \"AQI=\"}, \"key\": \"a\"},"
                + " {\"image_bytes\": {\"b64\": \"Aw==\"}, \"key\": \"b\"}]}");
        assertFalse(r.columnar());
        assertArrayEquals(new byte[] {1, 2}, r.images().get(0));
        assertArrayEquals(new byte[] {3}, r.images().get(1));
        assertEquals(List.of("a", "b"), r.keys());
        PredictRequest bare = parse("{\"instances\": [{\"b64\": \"AQI=\"}, {\"b64\": \"Aw==\"}], \"signature_name\": \"serving_default\"}");
        assertEquals(List.of("default", "default"), bare.keys());
    }

    @Test
    void columnarFormatBroadcastsKeys() {
        PredictRequest r = parse("{\"inputs\": {\"image_bytes\": [{\"b64\": \"AQI=\"}, {\"b64\": \"Aw==\"}], \"key\": \"k\"}}");
        assertTrue(r.columnar());
        assertEquals(List.of("k", "k"), r.keys());
        assertEquals(List.of("default"), parse("{\"inputs\": {\"image_bytes\": {\"b64\": \"AQI=\"}}}").keys());
        assertEquals(1, parse("{\"inputs\": [{\"b64\": \"AQI=\"}]}").size());
    }

    @Test
    void refusalsSayWhatWasExpected() {
        assertRefused("not valid JSON", "{\"instances\": ");
        assertRefused("must be a JSON object", "[1]");
        assertRefused("both \"instances\" and \"inputs\"", "{\"instances\": [], \"inputs\": {}}");
        assertRefused("\"instances\" must be a non-empty list", "{\"instances\": []}");
        assertRefused("instances[0] has no \"image_bytes\"", "{\"instances\": [{\"key\": \"1\"}]}");
        assertRefused("instances[0].image_bytes must be an object {\"b64\"", "{\"instances\": [{\"image_bytes\": \"AQI=\"}]}");
        assertRefused("instances[1] has no \"key\" while others have one",
                "{\"instances\": [{\"image_bytes\": {\"b64\": \"AQI=\"}, \"key\": \"a\"}, {\"image_bytes\": {\"b64\": \"AQI=\"}}]}");
        assertRefused("instances[0].key must be a string", "{\"instances\": [{\"image_bytes\": {\"b64\": \"AQI=\"}, \"key\": 7}]}");
        assertRefused("5 images, more than --max_instances=4",
                "{\"instances\": [{\"b64\": \"\"}, {\"b64\": \"\"}, {\"b64\": \"\"}, {\"b64\": \"\"}, {\"b64\": \"\"}]}");
        assertRefused("2 keys for 3 images", "{\"inputs\": {\"image_bytes\": [{\"b64\": \"\"}, {\"b64\": \"\"}, {\"b64\": \"\"}], \"key\": [\"a\", \"b\"]}}");
        assertRefused("signature_name \"other\" is not served", "{\"signature_name\": \"other\", \"instances\": [{\"b64\": \"AQI=\"}]}");
        assertRefused("inputs.image_bytes[0].b64 is not valid base64", "{\"inputs\": {\"image_bytes\": [{\"b64\": \"%%\"}]}}");
    }
}
