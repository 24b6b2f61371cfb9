package dev.imgcls.data.pipeline;

import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.RecordLocation;
import dev.imgcls.data.tfrecord.TFRecord;
import dev.imgcls.io.FileSystems;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Batches of preprocessed images from TFRecord files of tf.Examples, made ahead of the consumer on
 * background threads (the reference's {@code imagenet_input.py}, seed-spec §2.3):
 *
 * <pre>
 * files (sorted glob matches; training: a new seeded order each epoch, forever)
 *   → reader threads: each open file read ahead, CRCs checked        ({@link ReadAheadShard})
 *   → interleave: one record from each of cycle_length files in turn ({@link InterleavedRecords})
 *   → training: seeded shuffle buffer                                ({@link ShuffleBuffer})
 *   → feeder thread: numbers each record, bounded by the window      ({@link RecordFeeder})
 *   → worker threads: parse, check label, preprocess into a buffer   ({@link ExampleWorker})
 *   → batcher thread: takes examples in number order, fills batches  ({@link Batcher})
 *   → bounded prefetch queue → {@link #next()} on the consumer's thread
 * </pre>
 *
 * <p><b>Determinism.</b> The record order is fixed by the seed (file order, shuffle) and the random
 * draws of each example by (seed, its number), and the batcher puts examples into batches by
 * number, so the batches are identical from run to run for a seed, whatever the thread timing and
 * whatever the number of workers or reader threads.
 *
 * <p><b>Errors.</b> A missing file, a corrupt record, a tf.Example without image or label, a label
 * out of range or an image that will not decode stops the pipeline: {@link #next()} delivers the
 * batches before it and then throws an {@link InputPipelineException} whose message and cause name
 * the file and record. With {@link PipelineConfig.Builder#skipUndecodable} undecodable images are
 * instead skipped, logged with a running count and counted in {@link #skippedImages()}.
 *
 * <p>Always {@link #close()} it (try-with-resources): that stops and joins every thread.
 */
public final class InputPipeline implements AutoCloseable {

    /** How long {@link #close()} waits for threads blocked in I/O before giving up on them. */
    private static final long CLOSE_WAIT_SECONDS = 10;
    private static final System.Logger LOG = System.getLogger(InputPipeline.class.getName());

    private final String name;
    private final int imageSize;
    private final PipelineThreads threads = new PipelineThreads();
    private final ExecutorService readers;
    private final ExecutorService workers;
    private final BlockingQueue<Batcher.Item> queue;
    private final RecordFeeder feeder;
    private final Thread feederThread;
    private final Thread batcherThread;
    private final SkippedImages skipped = new SkippedImages();
    private final SkippedImages skippedInDelivered = new SkippedImages();
    private final long batchesWanted;
    private Batcher.Item terminal;
    private volatile boolean closed;

    private InputPipeline(String name, PipelineConfig config, ExamplePreprocessor preprocessor, boolean training) throws IOException {
        this.name = name;
        this.imageSize = preprocessor.imageSize();
        int exampleLength = preprocessor.outputLength();
        if (imageSize < 1 || exampleLength != imageSize * imageSize * 3) {
            throw new IllegalArgumentException("the preprocessor must write imageSize x imageSize x 3 floats; it says image size "
                    + imageSize + " and output length " + exampleLength);
        }
        this.batchesWanted = training || config.numEvalImages() == 0 ? -1 : evalBatches(config);
        List<String> files = ShardList.expand(config.patterns(), config.fileSystems());
        long seed = config.seed();
        if (training && config.shardCount() > 1) {
            files = FileShares.share(files, seed, config.shardIndex(), config.shardCount());
            seed = FileShares.seedOfShare(seed, config.shardIndex());
        }

        FileSystems fileSystems = config.fileSystems();
        ShardSequence order = training
                ? ShardSequence.shuffledForever(files, ExampleSeeds.stream(seed, ExampleSeeds.FILE_ORDER))
                : ShardSequence.once(files);
        // More slots than files would open the same file twice at once (the sequence repeats), putting
        // copies of one record next to each other; evaluation reads one file at a time, in order.
        int cycleLength = training ? Math.min(config.cycleLength(), files.size()) : 1;
        ReadEpochs epochs = training ? ReadEpochs.training(files.size(), config.shardIndex(), config.shardCount()) : ReadEpochs.none();
        ShuffleBuffer<TFRecord> shuffle = training
                ? new ShuffleBuffer<>(config.shuffleBuffer(), ExampleSeeds.stream(seed, ExampleSeeds.SHUFFLE))
                : null;
        // Room for every worker to have a few examples in hand while a slow one holds up the head.
        ReorderWindow window = new ReorderWindow(Math.max(16, 4 * config.workers()), exampleLength);

        this.readers = Executors.newFixedThreadPool(Math.min(config.readerThreads(), cycleLength), threads.factory("reader"));
        this.workers = Executors.newFixedThreadPool(config.workers(), threads.factory("worker"));
        this.queue = new ArrayBlockingQueue<>(config.prefetchBatches());
        ExampleWorker worker = new ExampleWorker(preprocessor, config.labels(), window, training, seed,
                config.skipUndecodable());
        this.feeder = new RecordFeeder(
                () -> new InterleavedRecords(order, cycleLength, path -> new ReadAheadShard(path, fileSystems.resolve(path),
                        config.compression(), readers, config.readAheadRecords()), epochs),
                shuffle, window, workers, worker, config.batchSize(), config.sliceIndex(), config.sliceCount());
        Batcher batcher = new Batcher(name, window, queue, config.deliveredBatchSize(), exampleLength, batchesWanted, skipped, feeder::stop,
                files.size() + " files matched by " + config.patterns());
        this.feederThread = threads.newThread("feeder", feeder);
        this.batcherThread = threads.newThread("batcher", batcher);
        feederThread.start();
        batcherThread.start();
    }

    /**
     * Endless shuffled training batches of {@code batchSize} (a partial batch never occurs).
     *
     * @throws java.nio.file.NoSuchFileException when a pattern matches no file
     */
    public static InputPipeline training(PipelineConfig config, ExamplePreprocessor preprocessor) throws IOException {
        return new InputPipeline("training", config, preprocessor, true);
    }

    /**
     * One pass over the validation files in sorted file order, record order within each file, no
     * shuffling and deterministic preprocessing, so every evaluation sees the same images. With
     * {@code numEvalImages = N > 0} it delivers exactly {@code N / batchSize} batches (the first
     * images, see {@link EvalSize}) and fails if the files hold fewer; with 0 it delivers every full
     * batch and drops the partial last one. {@link #next()} then returns {@code null}.
     */
    public static InputPipeline evaluation(PipelineConfig config, ExamplePreprocessor preprocessor) throws IOException {
        return new InputPipeline("validation", config, preprocessor, false);
    }

    /**
     * Records in the files matching the patterns, every CRC checked; the trainer compares it with
     * {@code num_eval_images} ({@link EvalSize#batches}) before training starts.
     */
    public static long countRecords(List<String> patterns, Compression compression) throws IOException {
        return countRecords(patterns, compression, FileSystems.defaults());
    }

    public static long countRecords(List<String> patterns, Compression compression, FileSystems fileSystems) throws IOException {
        return RecordCounter.count(patterns, compression, fileSystems, PipelineConfig.DEFAULT_READER_THREADS);
    }

    /**
     * The next batch, waiting for it if needed; {@code null} after the last batch of an evaluation.
     *
     * @throws InputPipelineException why the pipeline stopped (again on every later call)
     */
    public Batch next() throws IOException {
        if (closed) {
            throw new IllegalStateException("the " + name + " input pipeline is closed");
        }
        if (terminal == null) {
            Batcher.Item item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a " + name + " batch");
            }
            if (item instanceof Batcher.Full full) {
                full.skipped().forEach(skippedInDelivered::add);
                return Batch.of(full.images(), full.labels(), full.locations(), imageSize);
            }
            terminal = item;
        }
        if (terminal instanceof Batcher.Failure failure) {
            // A new exception each time, so its stack trace is the consumer's.
            throw new InputPipelineException(failure.message(), failure.cause());
        }
        if (closed) {
            throw new IllegalStateException("the " + name + " input pipeline is closed");
        }
        return null;
    }

    /** Batches an evaluation delivers, or -1 when it reads to the end of the files. */
    public long batchesPerPass() {
        return batchesWanted;
    }

    /** Undecodable images skipped so far (only with the skip option). */
    public long skippedImages() {
        return skipped.count();
    }

    /** The first undecodable image skipped so far, or {@code null}. */
    public RecordLocation firstSkippedImage() {
        return skipped.first();
    }

    /**
     * The undecodable images skipped in making the batches {@link #next()} has returned so far. Unlike
     * {@link #skippedImages()} it does not depend on how far the background threads have read
     * ahead, so an endless training input reports the same for the same batches every run.
     */
    public SkippedImages skippedInDeliveredBatches() {
        return skippedInDelivered;
    }

    /** The start of this pipeline's thread names, for thread dumps and tests. */
    String threadNamePrefix() {
        return threads.prefix();
    }

    /** Stops the threads, closes the files and waits for the threads to end. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        feeder.stop();
        batcherThread.interrupt();
        workers.shutdownNow();
        readers.shutdownNow();
        boolean stopped;
        try {
            stopped = threads.joinAll(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = false;
        }
        if (!stopped) {
            LOG.log(System.Logger.Level.WARNING, "the " + name + " input pipeline's threads (" + threads.prefix()
                    + "*) did not stop within " + CLOSE_WAIT_SECONDS + " s of close(); they are daemons and end with the JVM");
        }
        queue.clear();
        // Wakes a consumer blocked in next() on another thread.
        queue.offer(new Batcher.End());
    }

    private static long evalBatches(PipelineConfig config) {
        long batches = config.numEvalImages() / config.batchSize();
        if (batches == 0) {
            throw new IllegalArgumentException("evaluation would use no images: num_eval_images=" + config.numEvalImages()
                    + " is less than one batch of " + config.batchSize() + " (only full batches are evaluated, as in the reference)");
        }
        return batches;
    }
}
