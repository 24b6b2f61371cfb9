package dev.imgcls.train.loop;

import dev.imgcls.data.pipeline.Batch;
import dev.imgcls.data.pipeline.ExamplePreprocessor;
import dev.imgcls.data.pipeline.InputPipeline;
import dev.imgcls.data.pipeline.PipelineConfig;
import dev.imgcls.tensor.MemoryScope;

import java.io.IOException;
import java.io.PrintStream;

/**
 * The training batches of a job from a given global step on. The pipeline is one endless,
 * seed-determined stream (file order, shuffle, crops and flips all follow from the seed and the
 * example's number), so step k's batch is the k-th batch of that stream: a job resumed at step k
 * opens the stream from the start and passes over the k batches already trained on. That costs
 * input work only (no training), and makes "k steps, stop, resume to N" train on exactly the data
 * of "N steps straight".
 */
final class TrainingInput implements AutoCloseable {
    private final InputPipeline pipeline;

    TrainingInput(PipelineConfig config, ExamplePreprocessor preprocessor, long startStep, PrintStream out) throws IOException {
        this.pipeline = InputPipeline.training(config, preprocessor);
        try {
            skip(startStep, out);
        } catch (IOException | RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    @SuppressWarnings("try") // the scope frees each skipped batch
    private void skip(long startStep, PrintStream out) throws IOException {
        if (startStep > 0) {
            out.printf("input: skipping the %d batches trained on before step %d, to continue the same data order%n", startStep, startStep);
            long t0 = System.nanoTime();
            for (long i = 0; i < startStep; i++) {
                try (MemoryScope scope = MemoryScope.open()) {
                    next();
                }
            }
            out.printf("input: skipped in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The next training batch, in the caller's memory scope. */
    Batch next() throws IOException {
        Batch b = pipeline.next();
        if (b == null) {
            throw new IllegalStateException("the training input pipeline ended; it is meant to repeat forever");
        }
        return b;
    }

    /**
     * "skipped 2 undecodable training images (first: FILE record 1; 5 skips in all, as the data
     * repeats)" when the batches taken so far passed over any (with {@code --skip_bad_images}),
     * else {@code null}. Counts the batches taken, not those read ahead, so it is the same every run.
     */
    String skippedSummary() {
        return pipeline.skippedInDeliveredBatches().summary("training");
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
