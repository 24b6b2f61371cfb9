package dev.imgcls.serve;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's counters in Prometheus' text exposition format: requests by endpoint and status code,
 * images predicted, batches run and the images in them (their ratio is the mean batch size), and a
 * histogram of {@code :predict} latency.
 */
final class ServeMetrics {
    /** Upper bounds of the latency buckets, in seconds (the last, +Inf, is implied). */
    private static final double[] LATENCY_BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final LongAdder images = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder batchedImages = new LongAdder();
    private final LongAdder[] latencyBuckets = new LongAdder[LATENCY_BOUNDS.length + 1];
    private final LongAdder latencyCount = new LongAdder();
    private final LongAdder latencyNanos = new LongAdder();
    private final LongAdder predictsInFlight = new LongAdder();

    ServeMetrics() {
        for (int i = 0; i < latencyBuckets.length; i++) {
            latencyBuckets[i] = new LongAdder();
        }
    }

    void request(String endpoint, int status) {
        requests.computeIfAbsent(endpoint + "\u0000" + status, k -> new LongAdder()).increment();
    }

    /** A :predict request begins ({@code +1}) or ends ({@code -1}). */
    void inFlight(int change) {
        predictsInFlight.add(change);
    }

    void predicted(int imageCount, long nanos) {
        images.add(imageCount);
        latencyCount.increment();
        latencyNanos.add(nanos);
        double seconds = nanos / 1e9;
        int bucket = 0;
        while (bucket < LATENCY_BOUNDS.length && seconds > LATENCY_BOUNDS[bucket]) {
            bucket++;
        }
        latencyBuckets[bucket].increment();
    }

    void batch(int size) {
        batches.increment();
        batchedImages.add(size);
    }

    long batches() {
        return batches.sum();
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP imgcls_serve_requests_total HTTP requests answered, by endpoint and status code.\n");
        sb.append("# TYPE imgcls_serve_requests_total counter\n");
        Map<String, Long> sorted = new TreeMap<>();
        requests.forEach((k, v) -> sorted.put(k, v.sum()));
        sorted.forEach((k, v) -> {
            String[] parts = k.split("\u0000");
            sb.append("imgcls_serve_requests_total{endpoint=\"").append(parts[0]).append("\",code=\"").append(parts[1]).append("\"} ")
                    .append(v).append('\n');
        });
        counter(sb, "imgcls_serve_images_total", "Images predicted.", images.sum());
        counter(sb, "imgcls_serve_batches_total", "Batches run through the network.", batches.sum());
        counter(sb, "imgcls_serve_batched_images_total", "Images in those batches (divided by batches: the mean batch size).",
                batchedImages.sum());
        sb.append("# HELP imgcls_serve_predict_in_flight :predict requests being answered now.\n");
        sb.append("# TYPE imgcls_serve_predict_in_flight gauge\n");
        sb.append("imgcls_serve_predict_in_flight ").append(predictsInFlight.sum()).append('\n');
        String name = "imgcls_serve_predict_latency_seconds";
        sb.append("# HELP ").append(name).append(" Time from a :predict request's arrival to its answer.\n");
        sb.append("# TYPE ").append(name).append(" histogram\n");
        long cumulative = 0;
        for (int i = 0; i < latencyBuckets.length; i++) {
            cumulative += latencyBuckets[i].sum();
            String le = i < LATENCY_BOUNDS.length ? Double.toString(LATENCY_BOUNDS[i]) : "+Inf";
            sb.append(name).append("_bucket{le=\"").append(le).append("\"} ").append(cumulative).append('\n');
        }
        sb.append(name).append("_sum ").append(String.format(Locale.ROOT, "%.6f", latencyNanos.sum() / 1e9)).append('\n');
        sb.append(name).append("_count ").append(latencyCount.sum()).append('\n');
        return sb.toString();
    }

    private static void counter(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        sb.append(name).append(' ').append(value).append('\n');
    }
}
