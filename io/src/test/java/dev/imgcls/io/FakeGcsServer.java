package dev.imgcls.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;

/**
 * An in-memory Cloud Storage JSON API on 127.0.0.1, implementing just what the official Java
 * client sends for our file system: bucket get; object list (prefix, delimiter, paging), metadata
 * get, media download with ranges, delete; multipart and resumable uploads. No emulator that
 * installs from the registries we reach runs offline (see the data module's report), so the tests
 * bring their own. It can inject failures to exercise the client's retries and logs every request.
 */
final class FakeGcsServer implements AutoCloseable {

    private record StoredObject(byte[] data, long generation, String contentType, Instant created) {}

    private record Upload(String bucket, String name, String contentType, ByteArrayOutputStream data) {}

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\*|(\\d+)-(\\d+))/(\\*|\\d+)");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, NavigableMap<String, StoredObject>> buckets = new HashMap<>();
    private final Map<String, Upload> uploads = new HashMap<>();
    private final List<String> requests = new ArrayList<>();
    private long nextGeneration = 1_000;
    private int nextUploadId;
    private int pageSize = 1000;
    private int failuresToInject;
    private int failureStatus;

    private FakeGcsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static FakeGcsServer start() throws IOException {
        return new FakeGcsServer();
    }

    String host() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Forgets all buckets, objects, upload sessions, logged requests and pending failures. */
    synchronized void reset() {
        buckets.clear();
        uploads.clear();
        requests.clear();
        failuresToInject = 0;
        pageSize = 1000;
    }

    synchronized void createBucket(String bucket) {
        buckets.putIfAbsent(bucket, new TreeMap<>());
    }

    synchronized void put(String bucket, String name, byte[] data) {
        store(bucket, name, data.clone(), "application/octet-stream");
    }

    synchronized byte[] get(String bucket, String name) {
        StoredObject o = buckets.get(bucket).get(name);
        return o == null ? null : o.data().clone();
    }

    synchronized List<String> objectNames(String bucket) {
        return new ArrayList<>(buckets.get(bucket).keySet());
    }

    /** "METHOD /path?query" of every request so far. */
    synchronized List<String> requests() {
        return new ArrayList<>(requests);
    }

    synchronized void clearRequests() {
        requests.clear();
    }

    /** Objects listed per page, so small tests can exercise pageToken. */
    synchronized void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    /** The next {@code count} requests fail with {@code status} (e.g. 503) before doing anything. */
    synchronized void failNextRequests(int count, int status) {
        failuresToInject = count;
        failureStatus = status;
    }

    synchronized int unfinishedUploads() {
        return uploads.size();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readBody(exchange);
            Response response;
            synchronized (this) {
                String query = exchange.getRequestURI().getRawQuery();
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
                if (failuresToInject > 0) {
                    failuresToInject--;
                    response = error(failureStatus, "injected failure");
                } else {
                    response = route(exchange, body);
                }
            }
            response.send(exchange);
        } catch (RuntimeException e) {
            error(500, "fake server bug: " + e).send(exchange);
            throw e;
        }
    }

    private Response route(HttpExchange exchange, byte[] body) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
        if (path.startsWith("/download/")) {
            path = path.substring("/download".length());
        }
        if (path.startsWith("/upload/storage/v1/b/")) {
            String bucket = decode(path.substring("/upload/storage/v1/b/".length()).split("/")[0]);
            return upload(exchange, method, bucket, query, body);
        }
        if (!path.startsWith("/storage/v1/b/")) {
            return error(501, "not implemented by the fake server: " + method + " " + path);
        }
        String[] parts = path.substring("/storage/v1/b/".length()).split("/", 3);
        String bucket = decode(parts[0]);
        NavigableMap<String, StoredObject> objects = buckets.get(bucket);
        if (objects == null) {
            return error(404, "bucket " + bucket + " not found");
        }
        if (parts.length == 1 && method.equals("GET")) {
            JsonObject json = new JsonObject();
            json.addProperty("kind", "storage#bucket");
            json.addProperty("id", bucket);
            json.addProperty("name", bucket);
            return Response.json(200, json);
        }
        if (parts.length == 2 && parts[1].equals("o") && method.equals("GET")) {
            return list(bucket, objects, query);
        }
        if (parts.length == 3 && parts[1].equals("o")) {
            String name = decode(parts[2]);
            StoredObject o = objects.get(name);
            if (o == null || (query.containsKey("generation") && Long.parseLong(query.get("generation")) != o.generation())) {
                return error(404, "No such object: " + bucket + "/" + name);
            }
            return switch (method) {
                case "GET" -> "media".equals(query.get("alt"))
                        ? media(o, exchange.getRequestHeaders().getFirst("Range"))
                        : Response.json(200, metadata(bucket, name, o));
                case "DELETE" -> {
                    objects.remove(name);
                    yield new Response(204, Map.of(), new byte[0]);
                }
                default -> error(501, "not implemented by the fake server: " + method + " on an object");
            };
        }
        return error(501, "not implemented by the fake server: " + method + " " + path);
    }

    private Response list(String bucket, NavigableMap<String, StoredObject> objects, Map<String, String> query) {
        String prefix = query.getOrDefault("prefix", "");
        String delimiter = query.get("delimiter");
        int limit = Math.min(pageSize, Integer.parseInt(query.getOrDefault("maxResults", "1000")));
        String start = query.getOrDefault("pageToken", prefix);
        JsonArray items = new JsonArray();
        TreeSet<String> prefixes = new TreeSet<>();
        String nextToken = null;
        int count = 0;
        for (Map.Entry<String, StoredObject> e : objects.tailMap(start, true).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(prefix)) {
                break;
            }
            if (count == limit) {
                nextToken = name;
                break;
            }
            int cut = delimiter == null ? -1 : name.indexOf(delimiter, prefix.length());
            if (cut >= 0) {
                prefixes.add(name.substring(0, cut + delimiter.length()));
            } else {
                items.add(metadata(bucket, name, e.getValue()));
            }
            count++;
        }
        JsonObject json = new JsonObject();
        json.addProperty("kind", "storage#objects");
        if (!items.isEmpty()) {
            json.add("items", items);
        }
        if (!prefixes.isEmpty()) {
            JsonArray p = new JsonArray();
            prefixes.forEach(p::add);
            json.add("prefixes", p);
        }
        if (nextToken != null) {
            json.addProperty("nextPageToken", nextToken);
        }
        return Response.json(200, json);
    }

    private Response media(StoredObject o, String rangeHeader) {
        int size = o.data().length;
        int from = 0;
        int to = size - 1;
        int status = 200;
        if (rangeHeader != null) {
            Matcher m = RANGE.matcher(rangeHeader);
            if (!m.matches()) {
                return error(400, "bad Range " + rangeHeader);
            }
            from = Integer.parseInt(m.group(1));
            if (!m.group(2).isEmpty()) {
                to = Math.min(to, Integer.parseInt(m.group(2)));
            }
            if (from >= size && size > 0) {
                return error(416, "range not satisfiable");
            }
            status = size == 0 ? 200 : 206;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", o.contentType());
        headers.put("x-goog-generation", Long.toString(o.generation()));
        headers.put("x-goog-metageneration", "1");
        headers.put("x-goog-stored-content-length", Integer.toString(size));
        headers.put("x-goog-stored-content-encoding", "identity");
        headers.put("x-goog-hash", "crc32c=" + crc32c(o.data()) + ",md5=" + md5(o.data()));
        if (status == 206) {
            headers.put("Content-Range", "bytes " + from + "-" + to + "/" + size);
        }
        byte[] slice = size == 0 ? new byte[0] : java.util.Arrays.copyOfRange(o.data(), from, to + 1);
        return new Response(status, headers, slice);
    }

    private Response upload(HttpExchange exchange, String method, String bucket, Map<String, String> query, byte[] body) {
        if (!buckets.containsKey(bucket)) {
            return error(404, "bucket " + bucket + " not found");
        }
        String type = query.get("uploadType");
        if ("multipart".equals(type) && method.equals("POST")) {
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            List<byte[]> parts = MultipartRelated.parts(body, MultipartRelated.boundary(contentType));
            JsonObject meta = JsonParser.parseString(new String(parts.get(0), StandardCharsets.UTF_8)).getAsJsonObject();
            String name = meta.get("name").getAsString();
            StoredObject o = store(bucket, name, parts.get(1), contentTypeOf(meta));
            return Response.json(200, metadata(bucket, name, o));
        }
        if ("resumable".equals(type) && method.equals("POST")) {
            JsonObject meta = body.length == 0 ? new JsonObject()
                    : JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
            String name = meta.has("name") ? meta.get("name").getAsString() : query.get("name");
            String id = "upload-" + (++nextUploadId);
            uploads.put(id, new Upload(bucket, name, contentTypeOf(meta), new ByteArrayOutputStream()));
            String location = host() + "/upload/storage/v1/b/" + bucket + "/o?uploadType=resumable&upload_id=" + id;
            return new Response(200, Map.of("Location", location), new byte[0]);
        }
        if ("resumable".equals(type) && method.equals("PUT")) {
            return resumableChunk(query.get("upload_id"), exchange.getRequestHeaders().getFirst("Content-Range"), body);
        }
        return error(501, "not implemented by the fake server: " + method + " upload " + type);
    }

    private Response resumableChunk(String id, String contentRange, byte[] body) {
        Upload upload = uploads.get(id);
        if (upload == null) {
            return error(404, "no such upload session " + id);
        }
        Matcher m = CONTENT_RANGE.matcher(contentRange == null ? "bytes */*" : contentRange);
        if (!m.matches()) {
            return error(400, "bad Content-Range " + contentRange);
        }
        ByteArrayOutputStream data = upload.data();
        if (m.group(2) != null) {
            long first = Long.parseLong(m.group(2));
            if (first > data.size()) {
                return error(400, "chunk starts at " + first + " but only " + data.size() + " bytes were received");
            }
            // A retried chunk may repeat bytes we have: keep the first `first` bytes, then append.
            byte[] kept = java.util.Arrays.copyOf(data.toByteArray(), (int) first);
            data.reset();
            data.writeBytes(kept);
            data.writeBytes(body);
        }
        String total = m.group(4);
        if (!total.equals("*") && Long.parseLong(total) == data.size()) {
            uploads.remove(id);
            StoredObject o = store(upload.bucket(), upload.name(), data.toByteArray(), upload.contentType());
            return Response.json(200, metadata(upload.bucket(), upload.name(), o));
        }
        Map<String, String> headers = data.size() == 0 ? Map.of() : Map.of("Range", "bytes=0-" + (data.size() - 1));
        return new Response(308, headers, new byte[0]);
    }

    private StoredObject store(String bucket, String name, byte[] data, String contentType) {
        StoredObject o = new StoredObject(data, nextGeneration++, contentType, Instant.now());
        buckets.get(bucket).put(name, o);
        return o;
    }

    private JsonObject metadata(String bucket, String name, StoredObject o) {
        JsonObject json = new JsonObject();
        json.addProperty("kind", "storage#object");
        json.addProperty("id", bucket + "/" + name + "/" + o.generation());
        json.addProperty("name", name);
        json.addProperty("bucket", bucket);
        json.addProperty("generation", Long.toString(o.generation()));
        json.addProperty("metageneration", "1");
        json.addProperty("contentType", o.contentType());
        json.addProperty("size", Integer.toString(o.data().length));
        json.addProperty("md5Hash", md5(o.data()));
        json.addProperty("crc32c", crc32c(o.data()));
        json.addProperty("etag", "e" + o.generation());
        json.addProperty("timeCreated", o.created().toString());
        json.addProperty("updated", o.created().toString());
        json.addProperty("storageClass", "STANDARD");
        return json;
    }

    private static String contentTypeOf(JsonObject meta) {
        return meta.has("contentType") ? meta.get("contentType").getAsString() : "application/octet-stream";
    }

    private static Response error(int status, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("code", status);
        error.addProperty("message", message);
        JsonObject json = new JsonObject();
        json.add("error", error);
        return Response.json(status, json);
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        return in.readAllBytes();
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return query;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String crc32c(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static String md5(byte[] data) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Response(int status, Map<String, String> headers, byte[] body) {
        static Response json(int status, JsonObject json) {
            return new Response(status, Map.of("Content-Type", "application/json; charset=UTF-8"),
                    json.toString().getBytes(StandardCharsets.UTF_8));
        }

        void send(HttpExchange exchange) throws IOException {
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            boolean noBody = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
