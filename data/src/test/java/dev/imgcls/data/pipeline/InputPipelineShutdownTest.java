package dev.imgcls.data.pipeline;

import dev.imgcls.tensor.Generator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** close() stops and joins every thread, whatever state the pipeline is in. */
class InputPipelineShutdownTest {

    private static final int SIZE = 4;

    @TempDir
    static Path dir;
    private static String pattern;

    @BeforeAll
    static void writeShards() throws IOException {
        pattern = TestShards.write(dir, 3, 40, TestShards.labelledByShard(3, 0));
    }

    private static PipelineConfig.Builder config() {
        return PipelineConfig.builder(List.of(pattern), 4, 3).workers(3).readerThreads(2).cycleLength(3);
    }

    private static List<Thread> liveThreads(InputPipeline p) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(p.threadNamePrefix()) && t.isAlive())
                .toList();
    }

    private static void assertNoThreadsLeft(InputPipeline p) {
        assertEquals(List.of(), liveThreads(p).stream().map(Thread::getName).toList());
    }

    @Test
    void closeWhileWorkersAreBusyStopsEveryThread() throws IOException {
        InputPipeline p = InputPipeline.training(config().build(), new NearestNeighbourPreprocessor(SIZE, 20));
        p.next();
        List<Thread> running = liveThreads(p);
        // feeder, batcher, 3 workers, and the reader threads that have run so far
        assertTrue(running.size() >= 5, running.toString());
        // A hang fails rather than blocks; the limit leaves room for a loaded machine (close itself
        // gives up on stuck threads after 10 s, so the check that they ended is the one below).
        assertTimeoutPreemptively(Duration.ofSeconds(30), p::close, "close hung");
        assertEquals(List.of(), running.stream().filter(Thread::isAlive).map(Thread::getName).toList(), "threads alive after close");
        assertNoThreadsLeft(p);
        p.close(); // idempotent
        assertThrows(IllegalStateException.class, p::next);
    }

    @Test
    void closeRightAfterCreationStopsEveryThread() throws IOException {
        InputPipeline p = InputPipeline.training(config().build(), new NearestNeighbourPreprocessor(SIZE, 0));
        p.close();
        assertNoThreadsLeft(p);
    }

    @Test
    void closeWakesAConsumerWaitingInNext() throws Exception {
        // Every example takes 300 ms, so the consumer is surely waiting when close() comes.
        ExamplePreprocessor slow = new ExamplePreprocessor() {
            @Override
            public int imageSize() {
                return SIZE;
            }

            @Override
            public void train(byte[] encoded, Generator random, float[] out, int offset) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void eval(byte[] encoded, float[] out, int offset) {
                train(encoded, null, out, offset);
            }
        };
        InputPipeline p = InputPipeline.training(config().workers(1).build(), slow);
        CompletableFuture<Batch> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return p.next();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertThrows(TimeoutException.class, () -> waiting.get(100, TimeUnit.MILLISECONDS));
        p.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertNoThreadsLeft(p);
    }

    @Test
    void finishedAndFailedPipelinesCloseCleanly() throws IOException {
        InputPipeline eval = InputPipeline.evaluation(config().build(), new NearestNeighbourPreprocessor(SIZE, 0));
        while (eval.next() != null) {
            // drain
        }
        assertNull(eval.next());
        eval.close();
        assertNoThreadsLeft(eval);

        String bad = TestShards.write(dir.resolve("bad"), 1, 5,
                (s, i) -> new TestShards.Content("not an image".getBytes(StandardCharsets.US_ASCII), 0));
        InputPipeline failed = InputPipeline.training(PipelineConfig.builder(List.of(bad), 2, 1).build(),
                new NearestNeighbourPreprocessor(SIZE, 0));
        assertThrows(InputPipelineException.class, failed::next);
        failed.close();
        assertNoThreadsLeft(failed);
    }

    @Test
    void abandonedPipelinesCannotKeepTheJvmAlive() throws IOException {
        try (InputPipeline p = InputPipeline.training(config().build(), new NearestNeighbourPreprocessor(SIZE, 0))) {
            p.next();
            for (Thread t : liveThreads(p)) {
                assertTrue(t.isDaemon(), t.getName());
            }
        }
    }
}
