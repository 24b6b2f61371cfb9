package dev.imgcls.train.predict;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.imgcls.export.savedmodel.ExportedModel;
import dev.imgcls.export.savedmodel.SavedModelExporter;
import dev.imgcls.export.savedmodel.TestImages;
import dev.imgcls.export.savedmodel.TestModels;
import dev.imgcls.nn.Model;
import dev.imgcls.serve.ModelReloader;
import dev.imgcls.serve.PredictionServer;
import dev.imgcls.serve.ServeOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real server on a loopback port with a small exported resnet-18, called with the JDK's HTTP client. */
class PredictionServerTest {
    private static final int SIZE = 32;
    private static final int CLASSES = 5;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    private static ExportedModel exported;
    private static ImagePredictor reference;
    private static PredictionServer server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Path modelDir = dir.resolve("model");
        SavedModelExporter.export(TestModels.randomized("resnet-18", CLASSES, 7, EvalBatch.calibration(SIZE)), SIZE, modelDir);
        exported = ExportedModel.load(modelDir);
        reference = ImagePredictor.of(exported);
        ServeOptions options = new ServeOptions("flowers", "127.0.0.1", 0, ServeOptions.DEFAULT_MAX_BATCH_SIZE, 2000, 200_000, 8, 5000);
        server = PredictionServer.start(new ServedModel(exported), options, "1");
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static byte[] image(int i) {
        return i % 2 == 0 ? TestImages.png(40 + i, 50, 300 + i) : TestImages.jpeg(60, 35 + i, 300 + i);
    }

    private static String b64(byte[] bytes) {
        return "{\"b64\": \"" + Base64.getEncoder().encodeToString(bytes) + "\"}";
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> r) {
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private static void assertProbabilities(float[] expected, JsonArray actual, float tolerance, String what) {
        assertEquals(expected.length, actual.size(), what);
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c], actual.get(c).getAsFloat(), tolerance, what + " class " + c);
        }
    }

    @Test
    void rowFormatGivesImagePredictorsAnswersWithKeys() throws Exception {
        List<byte[]> images = List.of(image(0), image(1), image(2));
        ImagePredictor.Predictions expected = reference.predict(images);
        StringBuilder body = new StringBuilder("{\"instances\": [");
        for (int i = 0; i < images.size(); i++) {
            body.append(i == 0 ? "" : ", ").append("{\"image_bytes\": ").append(b64(images.get(i))).append(", \"key\": \"k").append(i).append("\"}");
        }
        HttpResponse<String> r = post("/v1/models/flowers:predict", body.append("]}").toString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
        JsonArray predictions = json(r).getAsJsonArray("predictions");
        assertEquals(3, predictions.size());
        for (int i = 0; i < 3; i++) {
            JsonObject p = predictions.get(i).getAsJsonObject();
            assertEquals(expected.classes()[i], p.get("classes").getAsLong(), "image " + i);
            assertProbabilities(expected.probabilities()[i], p.getAsJsonArray("probabilities"), 1e-6f, "image " + i);
            assertEquals("k" + i, p.get("key").getAsString());
        }
    }

    @Test
    void bareB64InstancesGetTheDefaultKey() throws Exception {
        HttpResponse<String> r = post("/v1/models/flowers:predict", "{\"instances\": [" + b64(image(3)) + "]}");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject p = json(r).getAsJsonArray("predictions").get(0).getAsJsonObject();
        assertEquals("default", p.get("key").getAsString());
        assertProbabilities(reference.predict(List.of(image(3))).probabilities()[0], p.getAsJsonArray("probabilities"), 1e-6f, "image 3");
    }

    @Test
    void columnarFormatIsAnsweredInColumns() throws Exception {
        ImagePredictor.Predictions expected = reference.predict(List.of(image(4), image(5)));
        HttpResponse<String> r = post("/v1/models/flowers:predict",
                "{\"inputs\": {\"image_bytes\": [" + b64(image(4)) + ", " + b64(image(5)) + "], \"key\": [\"a\", \"b\"]}}");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject outputs = json(r).getAsJsonObject("outputs");
        for (int i = 0; i < 2; i++) {
            assertEquals(expected.classes()[i], outputs.getAsJsonArray("classes").get(i).getAsLong());
            assertProbabilities(expected.probabilities()[i], outputs.getAsJsonArray("probabilities").get(i).getAsJsonArray(), 1e-6f, "image " + i);
        }
        assertEquals("[\"a\",\"b\"]", outputs.getAsJsonArray("key").toString());
        // One key is repeated for the whole batch, as the serving graph broadcasts it.
        r = post("/v1/models/flowers:predict", "{\"inputs\": {\"image_bytes\": [" + b64(image(4)) + ", " + b64(image(5)) + "], \"key\": \"z\"}}");
        assertEquals("[\"z\",\"z\"]", json(r).getAsJsonObject("outputs").getAsJsonArray("key").toString());
    }

    @Test
    void statusMetadataAndHealth() throws Exception {
        HttpResponse<String> status = get("/v1/models/flowers");
        assertEquals(200, status.statusCode());
        assertEquals("{\"model_version_status\":[{\"version\":\"1\",\"state\":\"AVAILABLE\",\"status\":{\"error_code\":\"OK\",\"error_message\":\"\"}}]}",
                status.body());
        JsonObject signature = json(get("/v1/models/flowers/metadata")).getAsJsonObject("metadata").getAsJsonObject("signature_def")
                .getAsJsonObject("signature_def").getAsJsonObject("serving_default");
        assertEquals("tensorflow/serving/predict", signature.get("method_name").getAsString());
        assertEquals("DT_STRING", signature.getAsJsonObject("inputs").getAsJsonObject("image_bytes").get("dtype").getAsString());
        JsonObject probabilities = signature.getAsJsonObject("outputs").getAsJsonObject("probabilities");
        assertEquals("DT_FLOAT", probabilities.get("dtype").getAsString());
        assertEquals("[{\"size\":\"-1\",\"name\":\"\"},{\"size\":\"5\",\"name\":\"\"}]",
                probabilities.getAsJsonObject("tensor_shape").getAsJsonArray("dim").toString());
        assertEquals("DT_INT64", signature.getAsJsonObject("outputs").getAsJsonObject("classes").get("dtype").getAsString());
        assertEquals(200, get("/healthz").statusCode());
    }

    private static void assertError(int status, String fragment, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        String error = json(r).get("error").getAsString();
        assertTrue(error.contains(fragment), error);
    }

    @Test
    void badRequestsGetTheirOwnErrorAndTheServerGoesOn() throws Exception {
        String predict = "/v1/models/flowers:predict";
        assertError(413, "over --max_body_bytes=200000", post(predict, "{\"instances\": [" + b64(new byte[160_000]) + "]}"));
        StringBuilder nine = new StringBuilder("{\"instances\": [");
        for (int i = 0; i < 9; i++) {
            nine.append(i == 0 ? "" : ", ").append(b64(new byte[] {1}));
        }
        assertError(400, "9 images, more than --max_instances=8", post(predict, nine.append("]}").toString()));
        assertError(400, "instances[1] is not an image that can be decoded",
                post(predict, "{\"instances\": [" + b64(image(0)) + ", " + b64("not an image".getBytes()) + "]}"));
        assertError(400, "inputs.image_bytes[0] is not an image", post(predict, "{\"inputs\": {\"image_bytes\": [" + b64(new byte[] {1, 2}) + "]}}"));
        assertError(400, "not valid JSON", post(predict, "{\"instances\": [ "));
        assertError(400, "instances[0] has no \"image_bytes\"", post(predict, "{\"instances\": [{\"key\": \"1\"}]}"));
        assertError(400, "neither \"instances\" nor \"inputs\"", post(predict, "{\"images\": []}"));
        assertError(400, "not valid base64", post(predict, "{\"instances\": [{\"b64\": \"@@@\"}]}"));
        assertError(404, "this server serves the model 'flowers'", post("/v1/models/tulips:predict", "{}"));
        assertError(404, "no endpoint /v2", get("/v2"));
        HttpResponse<String> wrongMethod = get(predict);
        assertError(405, "use POST", wrongMethod);
        assertEquals("POST", wrongMethod.headers().firstValue("allow").orElse(""));
        assertError(405, "use GET", post("/v1/models/flowers", "{}"));
        assertEquals(200, post(predict, "{\"instances\": [" + b64(image(0)) + "]}").statusCode());
    }

    @Test
    void concurrentRequestsAreBatchedAndAllCorrect() throws Exception {
        int threads = 16;
        int perThread = 3;
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            images.add(image(10 + i));
        }
        ImagePredictor.Predictions expected = reference.predict(images);
        long batchesBefore = counter(get("/metrics").body(), "imgcls_serve_batches_total");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int i = t;
                done.add(pool.submit(() -> {
                    for (int k = 0; k < perThread; k++) {
                        HttpResponse<String> r = post("/v1/models/flowers:predict",
                                "{\"instances\": [{\"image_bytes\": " + b64(images.get(i)) + ", \"key\": \"t" + i + "\"}]}");
                        assertEquals(200, r.statusCode(), r.body());
                        JsonObject p = json(r).getAsJsonArray("predictions").get(0).getAsJsonObject();
                        assertEquals("t" + i, p.get("key").getAsString());
                        // Batches of other sizes take other convolution paths (Winograd or direct): ~1e-6 per layer.
                        assertProbabilities(expected.probabilities()[i], p.getAsJsonArray("probabilities"), 2e-5f, "image " + i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long batches = counter(get("/metrics").body(), "imgcls_serve_batches_total") - batchesBefore;
        assertTrue(batches < threads * perThread, batches + " batches for " + threads * perThread + " concurrent requests: none were batched");
    }

    @Test
    void metricsAreInPrometheusTextFormat() throws Exception {
        post("/v1/models/flowers:predict", "{\"instances\": [" + b64(image(0)) + "]}");
        post("/v1/models/flowers:predict", "{}");
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
        String text = r.body();
        assertTrue(counter(text, "imgcls_serve_requests_total\\{endpoint=\"predict\",code=\"200\"\\}") >= 1, text);
        assertTrue(counter(text, "imgcls_serve_requests_total\\{endpoint=\"predict\",code=\"400\"\\}") >= 1, text);
        assertTrue(counter(text, "imgcls_serve_images_total") >= 1, text);
        long count = counter(text, "imgcls_serve_predict_latency_seconds_count");
        assertEquals(count, counter(text, "imgcls_serve_predict_latency_seconds_bucket\\{le=\"\\+Inf\"\\}"), text);
        assertTrue(text.contains("# TYPE imgcls_serve_predict_latency_seconds histogram"), text);
    }

    @Test
    void closeLetsARequestInFlightFinish() throws Exception {
        // A long batch wait keeps the request inside the server while close() begins.
        ServeOptions slow = new ServeOptions("slow", "127.0.0.1", 0, 32, 400_000, 1 << 20, 8, 5000);
        PredictionServer other = PredictionServer.start(new ServedModel(exported), slow, "1");
        CompletableFuture<HttpResponse<String>> inFlight = CLIENT.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + other.port() + "/v1/models/slow:predict"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"instances\": [" + b64(image(0)) + "]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String metrics = "http://127.0.0.1:" + other.port() + "/metrics";
        long waited = System.nanoTime();
        while (counter(CLIENT.send(HttpRequest.newBuilder(URI.create(metrics)).build(), HttpResponse.BodyHandlers.ofString()).body(),
                "imgcls_serve_predict_in_flight") == 0) {
            assertTrue(System.nanoTime() - waited < 10_000_000_000L, "the request never reached the server");
            Thread.sleep(5);
        }
        other.close();
        HttpResponse<String> r = inFlight.get();
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(1, other.batches());
    }

    @Test
    void aNewExportIsSwappedInUnderTrafficWithoutAFailedRequest() throws Exception {
        Path live = dir.resolve("live");
        SavedModelExporter.export(TestModels.randomized("resnet-18", CLASSES, 7, EvalBatch.calibration(SIZE)), SIZE, live);
        Model better = TestModels.randomized("resnet-18", 3, 11, EvalBatch.calibration(SIZE));
        ServeOptions options = new ServeOptions("live", "127.0.0.1", 0, 32, 2000, 1 << 20, 8, 5000);
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<String> failures = new CopyOnWriteArrayList<>();
        Set<Integer> classCounts = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (PredictionServer live1 = PredictionServer.start(new ServedModel(ExportedModel.load(live)), options, "1");
                ModelReloader reloader = new ModelReloader(live, d -> new ServedModel(ExportedModel.load(d)), live1, log::add)) {
            String url = "http://127.0.0.1:" + live1.port() + "/v1/models/live:predict";
            String body = "{\"instances\": [" + b64(image(0)) + "]}";
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                clients.add(pool.submit(() -> {
                    while (!stop.get()) {
                        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            failures.add(r.statusCode() + " " + r.body());
                        } else {
                            classCounts.add(json(r).getAsJsonArray("predictions").get(0).getAsJsonObject().getAsJsonArray("probabilities").size());
                        }
                    }
                    return null;
                }));
            }
            reloader.start(50);
            assertFalse(reloader.check(), "nothing changed yet");
            // The trainer's export of a better model: a new version, and the link switched to it in one rename.
            SavedModelExporter.export(better, SIZE, live);
            long start = System.nanoTime();
            while (!live1.version().equals("2") || !classCounts.contains(3)) {
                assertTrue(System.nanoTime() - start < 15_000_000_000L, "not reloaded: " + log);
                Thread.sleep(20);
            }
            stop.set(true);
            for (Future<?> f : clients) {
                f.get();
            }
            assertEquals(List.of(), failures);
            assertEquals(Set.of(CLASSES, 3), classCounts);
            assertTrue(log.get(0).startsWith("imgcls serve: reloaded resnet-18 (3 classes, 32 px) from " + live + " as version 2"), log.toString());
            assertTrue(CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + live1.port() + "/v1/models/live")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().contains("\"version\":\"2\""));
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    private static long counter(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\d+)$").matcher(text);
        assertTrue(m.find(), name + " not in\n" + text);
        return Long.parseLong(m.group(1));
    }
}
