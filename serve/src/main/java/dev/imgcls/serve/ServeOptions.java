package dev.imgcls.serve;

/**
 * How the server runs.
 *
 * @param modelName the NAME of {@code /v1/models/NAME}
 * @param host the address to listen on ("0.0.0.0" for all, "127.0.0.1" for loopback only)
 * @param port the port; 0 picks a free one ({@link PredictionServer#port()} says which)
 * @param maxBatchSize the most images run through the network together
 * @param batchTimeoutMicros how long the first image of a batch waits for others
 * @param maxBodyBytes the largest request body accepted (larger: 413)
 * @param maxInstances the most images in one request (more: 400)
 * @param gracePeriodMillis how long a shutdown waits for requests in flight
 */
public record ServeOptions(String modelName, String host, int port, int maxBatchSize, long batchTimeoutMicros, long maxBodyBytes,
        int maxInstances, long gracePeriodMillis) {
    public static final int DEFAULT_PORT = 8501;
    public static final String DEFAULT_MODEL_NAME = "default";
    public static final int DEFAULT_MAX_BATCH_SIZE = 32;
    public static final long DEFAULT_BATCH_TIMEOUT_MICROS = 2000;
    public static final long DEFAULT_MAX_BODY_BYTES = 64L << 20;
    public static final int DEFAULT_MAX_INSTANCES = 256;
    public static final long DEFAULT_GRACE_PERIOD_MILLIS = 30_000;

    public ServeOptions {
        if (modelName == null || modelName.isEmpty() || modelName.contains("/") || modelName.contains(":")) {
            throw new IllegalArgumentException("--model_name must be a non-empty name without '/' or ':', got '" + modelName + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0..65535, got " + port);
        }
        if (maxBatchSize < 1 || batchTimeoutMicros < 0 || maxBodyBytes < 1 || maxInstances < 1 || gracePeriodMillis < 0) {
            throw new IllegalArgumentException("--max_batch_size, --max_body_bytes and --max_instances must be positive and"
                    + " --batch_timeout_micros >= 0; got " + maxBatchSize + ", " + maxBodyBytes + ", " + maxInstances + " and " + batchTimeoutMicros);
        }
        if (maxBodyBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("--max_body_bytes must be below 2 GiB, got " + maxBodyBytes);
        }
    }

    /** The defaults, listening on all addresses. */
    public static ServeOptions defaults(String modelName, int port) {
        return new ServeOptions(modelName, "0.0.0.0", port, DEFAULT_MAX_BATCH_SIZE, DEFAULT_BATCH_TIMEOUT_MICROS, DEFAULT_MAX_BODY_BYTES,
                DEFAULT_MAX_INSTANCES, DEFAULT_GRACE_PERIOD_MILLIS);
    }
}
