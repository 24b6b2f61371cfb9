package dev.imgcls.serve;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The prediction server: Jetty on one port with {@link ServeHandler}'s endpoints in front of a
 * {@link DynamicBatcher}. {@link #close()} stops accepting, lets the requests in flight finish
 * (up to the grace period), then stops the batcher.
 */
public final class PredictionServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final DynamicBatcher batcher;
    private final ServeMetrics metrics;
    private final ServeOptions options;
    private final AtomicReference<ServedVersion> current;

    private PredictionServer(Server server, ServerConnector connector, DynamicBatcher batcher, ServeMetrics metrics, ServeOptions options,
            AtomicReference<ServedVersion> current) {
        this.current = current;
        this.server = server;
        this.connector = connector;
        this.batcher = batcher;
        this.metrics = metrics;
        this.options = options;
    }

    /**
     * Starts serving {@code predictor} as version {@code version} of {@code options.modelName()}.
     *
     * @throws Exception when Jetty cannot start, e.g. the port is taken
     */
    public static PredictionServer start(Predictor predictor, ServeOptions options, String version) throws Exception {
        ServeMetrics metrics = new ServeMetrics();
        DynamicBatcher batcher = new DynamicBatcher(options.maxBatchSize(), options.batchTimeoutMicros(), metrics);
        AtomicReference<ServedVersion> current = new AtomicReference<>(new ServedVersion(predictor, version));
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("imgcls-serve");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(options.host());
        connector.setPort(options.port());
        server.addConnector(connector);
        GracefulHandler graceful = new GracefulHandler(new ServeHandler(current, options, batcher, metrics));
        server.setHandler(graceful);
        server.setStopTimeout(options.gracePeriodMillis());
        try {
            server.start();
        } catch (Exception e) {
            batcher.close();
            server.stop();
            throw e;
        }
        return new PredictionServer(server, connector, batcher, metrics, options, current);
    }

    /** The port it listens on (the one picked when the options asked for 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://host:port} with the host as given ("0.0.0.0" shown as it is). */
    public URI uri() {
        return URI.create("http://" + options.host() + ":" + port());
    }

    /**
     * Serves {@code next} from now on as {@code version}: requests that have begun finish with the model
     * they began with, later ones get the new one; none fails for the swap.
     */
    public void swap(Predictor next, String version) {
        current.set(new ServedVersion(next, version));
    }

    /** The version being served. */
    public String version() {
        return current.get().version();
    }

    /** Batches run so far (for tests and logs). */
    public long batches() {
        return metrics.batches();
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Graceful stop: no new connections, requests in flight finish within the grace period, then the batcher stops. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the HTTP server failed: " + e, e);
        } finally {
            batcher.close();
        }
    }
}
