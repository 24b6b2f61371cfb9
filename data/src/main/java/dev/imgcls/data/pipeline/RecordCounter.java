package dev.imgcls.data.pipeline;

import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.TFRecordReader;
import dev.imgcls.io.FileSystems;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Counts the records of the files matching some patterns, reading each file through (so every CRC
 * is checked, and a damaged validation file fails before training rather than at the first
 * evaluation). Files are counted in parallel, which matters on Cloud Storage.
 */
final class RecordCounter {

    private RecordCounter() {}

    static long count(List<String> patterns, Compression compression, FileSystems fileSystems, int threads) throws IOException {
        List<String> files = ShardList.expand(patterns, fileSystems);
        PipelineThreads names = new PipelineThreads();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, files.size())), names.factory("count"));
        try {
            List<Future<Long>> counts = new ArrayList<>();
            for (String file : files) {
                counts.add(pool.submit(() -> countFile(file, compression, fileSystems)));
            }
            long total = 0;
            for (Future<Long> c : counts) {
                total += c.get();
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while counting the records of " + patterns);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("counting the records of " + patterns + " failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long countFile(String file, Compression compression, FileSystems fileSystems) throws IOException {
        try (TFRecordReader reader = TFRecordReader.open(fileSystems.resolve(file), file, compression)) {
            while (reader.next() != null) {
                // Reading is the check; the payloads are dropped.
            }
            return reader.recordsRead();
        }
    }
}
