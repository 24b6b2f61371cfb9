package dev.imgcls.serve;

import dev.imgcls.data.image.ImageDecodeException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The endpoints of TF Serving's REST API for one model, {@code /healthz} and {@code /metrics}. A
 * {@code :predict} request is read (up to the body limit), parsed, decoded on this request's thread
 * (at most one decode per CPU at a time, across all requests) and handed to the batcher; its thread
 * waits for the batch's answer.
 */
final class ServeHandler extends Handler.Abstract {
    private static final Logger LOG = Logger.getLogger(ServeHandler.class.getName());
    private static final String JSON = "application/json";
    /** The most bytes of a too-large body read and dropped so that its 413 reaches the client. */
    private static final long DRAIN_LIMIT = 256L << 20;

    private final AtomicReference<ServedVersion> current;
    private final ServeOptions options;
    private final DynamicBatcher batcher;
    private final ServeMetrics metrics;
    private final RequestParser parser;
    private final String modelPath;
    private final Semaphore decodeSlots = new Semaphore(Runtime.getRuntime().availableProcessors());

    ServeHandler(AtomicReference<ServedVersion> current, ServeOptions options, DynamicBatcher batcher, ServeMetrics metrics) {
        this.current = current;
        this.options = options;
        this.batcher = batcher;
        this.metrics = metrics;
        this.parser = new RequestParser(options.maxInstances());
        this.modelPath = "/v1/models/" + options.modelName();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        String endpoint = "other";
        int status;
        String body;
        String type = JSON;
        // One model for the whole request, even if a reload swaps it meanwhile.
        ServedVersion served = current.get();
        try {
            if (path.equals("/healthz")) {
                endpoint = "healthz";
                allow(method, "GET");
                body = "{\"status\": \"ok\"}";
            } else if (path.equals("/metrics")) {
                endpoint = "metrics";
                allow(method, "GET");
                type = "text/plain; version=0.0.4; charset=utf-8";
                body = metrics.text();
            } else if (path.equals(modelPath + ":predict")) {
                endpoint = "predict";
                allow(method, "POST");
                metrics.inFlight(1);
                try {
                    body = predict(request, served.predictor());
                } finally {
                    metrics.inFlight(-1);
                }
            } else if (path.equals(modelPath)) {
                endpoint = "status";
                allow(method, "GET");
                body = ResponseJson.status(served.version());
            } else if (path.equals(modelPath + "/metadata")) {
                endpoint = "metadata";
                allow(method, "GET");
                body = ResponseJson.metadata(options.modelName(), served.version(), served.predictor().numClasses());
            } else if (path.startsWith("/v1/models/")) {
                throw new ApiException(404, "Servable not found for request: " + path + "; this server serves the model '" + options.modelName()
                        + "' at " + modelPath + " (" + modelPath + ":predict, " + modelPath + "/metadata)");
            } else {
                throw new ApiException(404, "no endpoint " + path + "; try POST " + modelPath + ":predict, GET " + modelPath + ", GET "
                        + modelPath + "/metadata, /healthz or /metrics");
            }
            status = 200;
        } catch (MethodNotAllowed e) {
            status = 405;
            body = ResponseJson.error(e.getMessage());
            response.getHeaders().put(HttpHeader.ALLOW, e.allowed);
        } catch (ApiException e) {
            status = e.status();
            body = ResponseJson.error(e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "serve: " + method + " " + path + " failed: " + e, e);
            status = 500;
            body = ResponseJson.error("internal error: " + e);
        }
        metrics.request(endpoint, status);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        Content.Sink.write(response, true, body, callback);
        return true;
    }

    private String predict(Request request, Predictor predictor) {
        long start = System.nanoTime();
        PredictRequest parsed = parser.parse(readBody(request));
        int n = parsed.size();
        float[] pixels = new float[n * predictor.pixelsPerImage()];
        for (int i = 0; i < n; i++) {
            decode(predictor, parsed, i, pixels);
        }
        List<CompletableFuture<float[]>> futures = batcher.submit(predictor, pixels, n);
        float[][] probabilities = new float[n][];
        for (int i = 0; i < n; i++) {
            try {
                probabilities[i] = futures.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(503, "interrupted while waiting for the model; the server is shutting down");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IllegalStateException s) {
                    throw new ApiException(503, s.getMessage() + "; retry on another replica");
                }
                throw new IllegalStateException("the model failed on a batch: " + e.getCause(), e.getCause());
            }
        }
        String body = ResponseJson.predictions(parsed, probabilities);
        metrics.predicted(n, System.nanoTime() - start);
        return body;
    }

    private void decode(Predictor predictor, PredictRequest parsed, int i, float[] pixels) {
        try {
            decodeSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted while decoding; the server is shutting down");
        }
        try {
            predictor.preprocess(parsed.images().get(i), pixels, i * predictor.pixelsPerImage());
        } catch (ImageDecodeException e) {
            String where = parsed.columnar() ? "inputs.image_bytes[" + i + "]" : "instances[" + i + "]";
            throw new ApiException(400, where + " is not an image that can be decoded (" + e.getMessage() + "); send JPEG, PNG, GIF or BMP bytes");
        } finally {
            decodeSlots.release();
        }
    }

    private byte[] readBody(Request request) {
        long max = options.maxBodyBytes();
        long declared = request.getLength();
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (declared > max) {
                drain(in);
                throw tooLarge(declared + " bytes");
            }
            byte[] body = in.readNBytes((int) max + 1);
            if (body.length > max) {
                drain(in);
                throw tooLarge("more than " + max + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new ApiException(400, "could not read the request body: " + e.getMessage());
        }
    }

    /**
     * Reads and drops what is left of a refused body, up to {@link #DRAIN_LIMIT} bytes: closing the
     * connection on unread bytes would reset it, and the client would lose the 413 and its reason.
     */
    private static void drain(InputStream in) throws IOException {
        long left = DRAIN_LIMIT;
        byte[] scratch = new byte[64 << 10];
        int n;
        while (left > 0 && (n = in.read(scratch, 0, (int) Math.min(scratch.length, left))) > 0) {
            left -= n;
        }
    }

    private ApiException tooLarge(String size) {
        return new ApiException(413, "the request body is " + size + ", over --max_body_bytes=" + options.maxBodyBytes()
                + "; send fewer or smaller images per request");
    }

    private static void allow(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new MethodNotAllowed(method, allowed);
        }
    }

    /** A method the endpoint does not take: 405 with an Allow header. */
    private static final class MethodNotAllowed extends ApiException {
        private static final long serialVersionUID = 1L;

        private final String allowed;

        MethodNotAllowed(String method, String allowed) {
            super(405, "method " + method + " is not allowed here; use " + allowed);
            this.allowed = allowed;
        }
    }
}
