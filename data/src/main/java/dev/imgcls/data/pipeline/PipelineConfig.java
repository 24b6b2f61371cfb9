package dev.imgcls.data.pipeline;

import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.io.FileSystems;

import java.util.List;

/**
 * Settings of an {@link InputPipeline}. Only the patterns, the batch size and the number of classes
 * are required; the defaults follow the reference input pipeline where it has one (shuffle buffer
 * 1024, drop remainder) and are sized for one machine otherwise. Build with {@link #builder}.
 */
public final class PipelineConfig {

    /** Default number of files read at once in training (the reference uses 64 on TPU hosts). */
    public static final int DEFAULT_CYCLE_LENGTH = 16;
    /** The reference's {@code shuffle(1024)}. */
    public static final int DEFAULT_SHUFFLE_BUFFER = 1024;
    public static final int DEFAULT_READER_THREADS = 4;
    public static final int DEFAULT_READ_AHEAD_RECORDS = 8;
    public static final int DEFAULT_PREFETCH_BATCHES = 2;

    private final List<String> patterns;
    private final Compression compression;
    private final int batchSize;
    private final LabelRange labels;
    private final long seed;
    private final int cycleLength;
    private final int shuffleBuffer;
    private final int workers;
    private final int readerThreads;
    private final int readAheadRecords;
    private final int prefetchBatches;
    private final boolean skipUndecodable;
    private final long numEvalImages;
    private final FileSystems fileSystems;
    private final int sliceIndex;
    private final int sliceCount;
    private final int shardIndex;
    private final int shardCount;

    private PipelineConfig(Builder b) {
        this.patterns = List.copyOf(b.patterns);
        this.compression = b.compression;
        this.batchSize = b.batchSize;
        this.labels = new LabelRange(b.numClasses, b.labelBase);
        this.seed = b.seed;
        this.cycleLength = b.cycleLength;
        this.shuffleBuffer = b.shuffleBuffer;
        this.workers = b.workers;
        this.readerThreads = b.readerThreads;
        this.readAheadRecords = b.readAheadRecords;
        this.prefetchBatches = b.prefetchBatches;
        this.skipUndecodable = b.skipUndecodable;
        this.numEvalImages = b.numEvalImages;
        this.fileSystems = b.fileSystems;
        this.sliceIndex = b.sliceIndex;
        this.sliceCount = b.sliceCount;
        this.shardIndex = b.shardIndex;
        this.shardCount = b.shardCount;
    }

    /**
     * @param patterns TFRecord globs ({@code gs://bucket/train-*}, local paths), as {@code --training_data_path}
     * @param batchSize images per batch
     * @param numClasses {@code --num_classes}
     */
    public static Builder builder(List<String> patterns, int batchSize, int numClasses) {
        return new Builder(patterns, batchSize, numClasses);
    }

    public List<String> patterns() {
        return patterns;
    }

    public Compression compression() {
        return compression;
    }

    /** Images per (global) batch; a batch slice delivers {@link #deliveredBatchSize()} of them. */
    public int batchSize() {
        return batchSize;
    }

    /** Images per batch that {@link InputPipeline#next()} returns: the batch size over the slice count. */
    public int deliveredBatchSize() {
        return batchSize / sliceCount;
    }

    /** Which slice of every batch this pipeline decodes and delivers; see {@link Builder#batchSlice}. */
    public int sliceIndex() {
        return sliceIndex;
    }

    public int sliceCount() {
        return sliceCount;
    }

    /** Which share of the training files this pipeline reads; see {@link Builder#fileShard}. */
    public int shardIndex() {
        return shardIndex;
    }

    public int shardCount() {
        return shardCount;
    }

    public LabelRange labels() {
        return labels;
    }

    public long seed() {
        return seed;
    }

    public int cycleLength() {
        return cycleLength;
    }

    public int shuffleBuffer() {
        return shuffleBuffer;
    }

    public int workers() {
        return workers;
    }

    public int readerThreads() {
        return readerThreads;
    }

    public int readAheadRecords() {
        return readAheadRecords;
    }

    public int prefetchBatches() {
        return prefetchBatches;
    }

    public boolean skipUndecodable() {
        return skipUndecodable;
    }

    public long numEvalImages() {
        return numEvalImages;
    }

    public FileSystems fileSystems() {
        return fileSystems;
    }

    public static final class Builder {
        private final List<String> patterns;
        private final int batchSize;
        private final int numClasses;
        private Compression compression = Compression.NONE;
        private LabelBase labelBase = LabelBase.ZERO;
        private long seed;
        private int cycleLength = DEFAULT_CYCLE_LENGTH;
        private int shuffleBuffer = DEFAULT_SHUFFLE_BUFFER;
        private int workers = Runtime.getRuntime().availableProcessors();
        private int readerThreads = DEFAULT_READER_THREADS;
        private int readAheadRecords = DEFAULT_READ_AHEAD_RECORDS;
        private int prefetchBatches = DEFAULT_PREFETCH_BATCHES;
        private boolean skipUndecodable;
        private long numEvalImages;
        private FileSystems fileSystems = FileSystems.defaults();
        private int sliceIndex;
        private int sliceCount = 1;
        private int shardIndex;
        private int shardCount = 1;

        private Builder(List<String> patterns, int batchSize, int numClasses) {
            this.patterns = List.copyOf(patterns);
            this.batchSize = batchSize;
            this.numClasses = numClasses;
        }

        /** Whole-file compression of the TFRecords (TensorFlow's {@code compression_type}); default none. */
        public Builder compression(Compression compression) {
            this.compression = compression;
            return this;
        }

        public Builder labelBase(LabelBase labelBase) {
            this.labelBase = labelBase;
            return this;
        }

        /** Seeds the file order, the shuffle and every example's crop and flip (training only). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Files read at once, one record from each in turn (training; evaluation reads files one by one). */
        public Builder cycleLength(int cycleLength) {
            this.cycleLength = cycleLength;
            return this;
        }

        /** Records in the shuffle buffer (training); 1 turns shuffling off. */
        public Builder shuffleBuffer(int shuffleBuffer) {
            this.shuffleBuffer = shuffleBuffer;
            return this;
        }

        /** Threads that parse, decode and preprocess; size it so it does not fight the compute pool. */
        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /** Threads that read and check records (I/O and CRCs, decompression), shared by the open files. */
        public Builder readerThreads(int readerThreads) {
            this.readerThreads = readerThreads;
            return this;
        }

        /** Records each open file reads ahead of the interleave. */
        public Builder readAheadRecords(int readAheadRecords) {
            this.readAheadRecords = readAheadRecords;
            return this;
        }

        /** Finished batches waiting for the consumer. */
        public Builder prefetchBatches(int prefetchBatches) {
            this.prefetchBatches = prefetchBatches;
            return this;
        }

        /** Skip (count and log) images that will not decode instead of failing. */
        public Builder skipUndecodable(boolean skipUndecodable) {
            this.skipUndecodable = skipUndecodable;
            return this;
        }

        /** Evaluation only: images per evaluation, 0 for all; see {@link InputPipeline#evaluation}. */
        public Builder numEvalImages(long numEvalImages) {
            this.numEvalImages = numEvalImages;
            return this;
        }

        public Builder fileSystems(FileSystems fileSystems) {
            this.fileSystems = fileSystems;
            return this;
        }

        /**
         * Reads the same records as the whole pipeline but decodes and delivers only rows
         * [index·b, (index+1)·b) of every batch, b = batch size / count, with the random draws the
         * whole pipeline gives those rows: the {@code count} slices together are exactly its batches
         * (synchronous data parallelism where every rank reads the whole record stream).
         */
        public Builder batchSlice(int index, int count) {
            this.sliceIndex = index;
            this.sliceCount = count;
            return this;
        }

        /**
         * Training only: reads share {@code index} of {@code count} disjoint shares of the files,
         * drawn from the seed (each file in exactly one share), with random streams of its own.
         */
        public Builder fileShard(int index, int count) {
            this.shardIndex = index;
            this.shardCount = count;
            return this;
        }

        public PipelineConfig build() {
            if (patterns.isEmpty()) {
                throw new IllegalArgumentException("no TFRecord file patterns given");
            }
            for (String p : patterns) {
                if (p.isBlank()) {
                    throw new IllegalArgumentException("empty TFRecord file pattern in " + patterns);
                }
            }
            requirePositive("batch size", batchSize);
            requirePositive("cycle length", cycleLength);
            requirePositive("shuffle buffer", shuffleBuffer);
            requirePositive("worker threads", workers);
            requirePositive("reader threads", readerThreads);
            requirePositive("read-ahead records", readAheadRecords);
            requirePositive("prefetch batches", prefetchBatches);
            requirePart("batch slice", sliceIndex, sliceCount);
            requirePart("file share", shardIndex, shardCount);
            if (batchSize % sliceCount != 0) {
                throw new IllegalArgumentException("a batch of " + batchSize + " cannot be cut into " + sliceCount + " equal slices");
            }
            if (sliceCount > 1 && skipUndecodable) {
                // A skipped image moves the rows after it, and only the slice that decodes it would know.
                throw new IllegalArgumentException("skipping undecodable images cannot be combined with batch slices");
            }
            if (numEvalImages < 0) {
                throw new IllegalArgumentException("num_eval_images must be 0 (all) or positive, got " + numEvalImages);
            }
            return new PipelineConfig(this);
        }

        private static void requirePart(String what, int index, int count) {
            if (count < 1 || index < 0 || index >= count) {
                throw new IllegalArgumentException(what + " " + index + " of " + count + " does not exist");
            }
        }

        private static void requirePositive(String what, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, got " + value);
            }
        }
    }
}
