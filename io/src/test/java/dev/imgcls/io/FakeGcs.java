package dev.imgcls.io;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * {@link FakeGcsServer} for tests outside this package: a started server with one bucket and a
 * {@link FileSystems} whose {@code gs://} paths go to it (local paths to the disk).
 */
public final class FakeGcs implements AutoCloseable {

    private final FakeGcsServer server;
    private final FileSystems fileSystems;

    private FakeGcs(FakeGcsServer server) {
        this.server = server;
        GcsFileSystem gcs = new GcsFileSystem(GcsClients.forEmulator(server.host(), GcsClients.defaultRetrySettings().toBuilder()
                .setInitialRetryDelayDuration(Duration.ofMillis(5))
                .setMaxRetryDelayDuration(Duration.ofMillis(20))
                .build()), GcsFileSystem.Options.defaults());
        this.fileSystems = new FileSystems(new LocalFileSystem(), () -> gcs);
    }

    public static FakeGcs start(String bucket) throws IOException {
        FakeGcsServer server = FakeGcsServer.start();
        server.createBucket(bucket);
        return new FakeGcs(server);
    }

    public FileSystems fileSystems() {
        return fileSystems;
    }

    public List<String> objectNames(String bucket) {
        return server.objectNames(bucket);
    }

    public void put(String bucket, String name, byte[] data) {
        server.put(bucket, name, data);
    }

    @Override
    public void close() {
        server.close();
    }
}
