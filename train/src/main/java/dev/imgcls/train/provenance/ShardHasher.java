package dev.imgcls.train.provenance;

import dev.imgcls.io.FileSystems;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Computes the fingerprints a job's provenance still lacks, on one daemon thread at the lowest
 * priority, so that a job never waits to read its data twice before it starts: {@code gs://}
 * objects from their metadata first (a few listing requests), then local files streamed through
 * CRC32C (an intrinsic: the disk, not the CPU, sets the pace). Each result goes to the listener as
 * soon as it is known. Java thread priorities are only a hint (Linux ignores them unless the JVM
 * is started with {@code -XX:ThreadPriorityPolicy=1}); a job on few cores shares one of them with
 * this thread until it is done, once per data set thanks to the cache.
 */
final class ShardHasher {
    private static final int BUFFER = 1 << 20;

    private final Thread thread;
    private final AtomicLong bytesLeft = new AtomicLong();
    private volatile int filesLeft;

    private ShardHasher(List<ShardFingerprint> local, List<String> gcs, FileSystems fileSystems, GcsObjectMetadata metadata,
                        Consumer<ShardFingerprint> listener) {
        local.forEach(f -> bytesLeft.addAndGet(f.size()));
        filesLeft = local.size() + gcs.size();
        thread = new Thread(() -> {
            if (!gcs.isEmpty()) {
                metadata.fingerprints(gcs).values().forEach(f -> {
                    listener.accept(f);
                    filesLeft--;
                });
            }
            for (ShardFingerprint f : local) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                listener.accept(hash(fileSystems, f));
                bytesLeft.addAndGet(-f.size());
                filesLeft--;
            }
        }, "imgcls-provenance-hashes");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    /** Starts fingerprinting: {@code local} are unhashed local files, {@code gcs} object paths. */
    static ShardHasher start(List<ShardFingerprint> local, List<String> gcs, FileSystems fileSystems, GcsObjectMetadata metadata,
                             Consumer<ShardFingerprint> listener) {
        ShardHasher hasher = new ShardHasher(new ArrayList<>(local), List.copyOf(gcs), fileSystems, metadata, listener);
        hasher.thread.start();
        return hasher;
    }

    boolean done() {
        return !thread.isAlive();
    }

    int filesLeft() {
        return filesLeft;
    }

    long bytesLeft() {
        return bytesLeft.get();
    }

    /** Waits until every fingerprint is in. */
    void await() throws InterruptedException {
        thread.join();
    }

    /** Stops after the file being hashed (what is done so far stays known). */
    void stop() {
        thread.interrupt();
    }

    /** A local file's CRC32C, streamed; an unreadable file gives a fingerprint with its error. */
    static ShardFingerprint hash(FileSystems fileSystems, ShardFingerprint file) {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = fileSystems.resolve(file.path()).openRead(file.path())) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            return file.withError("not readable: " + e.getMessage());
        }
        return file.withCrc32c(gcsSpelling(crc.getValue()));
    }

    /** Cloud Storage's spelling of a CRC32C: base64 of its 4 bytes, big-endian. */
    static String gcsSpelling(long crc32c) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc32c).array());
    }
}
