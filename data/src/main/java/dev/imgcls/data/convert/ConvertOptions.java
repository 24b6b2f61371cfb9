package dev.imgcls.data.convert;

import dev.imgcls.data.pipeline.LabelBase;
import dev.imgcls.data.tfrecord.Compression;

import java.util.List;

/**
 * What {@code make-tfrecords} converts and how; see {@link MakeTfRecords} for the flags.
 *
 * @param inputDir local folder of class folders, or {@code null} when {@code inputCsv} is given
 * @param inputCsv CSV of {@code path,label} lines (local or {@code gs://}), or {@code null}
 * @param inputIdxImages IDX file of images (gzip or plain), or {@code null}; given with {@code inputIdxLabels}
 * @param inputIdxLabels IDX file of their labels, or {@code null}
 * @param classNames names of IDX classes 0..n-1, or {@code null} to name them by id
 * @param splitName {@code "train"} or {@code "validation"} to write every image to that split's shards,
 *                  or {@code null} to split by {@code validationFraction}
 * @param outputDir local or {@code gs://} folder for the shards and {@code labels.txt}
 * @param trainShards 0 to choose from the image count
 * @param validationShards 0 to choose from the image count
 * @param threads threads that read and prepare images ahead of the writer
 * @param progressSeconds seconds between progress lines
 * @param skipBadImages leave out (and list) images that cannot be read or decoded instead of failing
 */
public record ConvertOptions(String inputDir, String inputCsv, String inputIdxImages, String inputIdxLabels, List<String> classNames,
                             String outputDir, double validationFraction, String splitName, int trainShards,
                             int validationShards, long seed, LabelBase labelBase, Compression compression, boolean overwrite,
                             int threads, double progressSeconds, boolean skipBadImages) {

    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;
    public static final double DEFAULT_PROGRESS_SECONDS = 5;
    public static final List<String> SPLITS = List.of("train", "validation");

    public ConvertOptions {
        if ((inputIdxImages == null) != (inputIdxLabels == null)) {
            throw new IllegalArgumentException("--input_idx_images and --input_idx_labels go together: give both");
        }
        int inputs = (inputDir != null ? 1 : 0) + (inputCsv != null ? 1 : 0) + (inputIdxImages != null ? 1 : 0);
        if (inputs != 1) {
            throw new IllegalArgumentException("give exactly one of --input_dir and --input_csv, or --input_idx_images with --input_idx_labels");
        }
        if (classNames != null && inputIdxImages == null) {
            throw new IllegalArgumentException("--class_names is for IDX input; folder names or CSV labels name the other inputs' classes");
        }
        classNames = classNames == null ? null : List.copyOf(classNames);
        if (splitName != null && !SPLITS.contains(splitName)) {
            throw new IllegalArgumentException("--split_name must be train or validation, got '" + splitName + "'");
        }
        if (outputDir == null || outputDir.isBlank()) {
            throw new IllegalArgumentException("--output_dir is required");
        }
        if (!(validationFraction >= 0 && validationFraction <= 1)) {
            throw new IllegalArgumentException("--validation_fraction must be in [0, 1], got " + validationFraction);
        }
        if (trainShards < 0 || validationShards < 0) {
            throw new IllegalArgumentException("shard counts must be 0 (automatic) or positive");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        if (!(progressSeconds > 0)) {
            throw new IllegalArgumentException("--progress_seconds must be positive, got " + progressSeconds);
        }
    }

    /** Folder or CSV input, split by fraction. */
    public ConvertOptions(String inputDir, String inputCsv, String outputDir, double validationFraction, int trainShards,
                          int validationShards, long seed, LabelBase labelBase, Compression compression, boolean overwrite,
                          int threads, double progressSeconds) {
        this(inputDir, inputCsv, null, null, null, outputDir, validationFraction, null, trainShards, validationShards, seed, labelBase,
                compression, overwrite, threads, progressSeconds, false);
    }

    /** Defaults for everything but the input and output. */
    public static ConvertOptions defaults(String inputDir, String inputCsv, String outputDir) {
        return new ConvertOptions(inputDir, inputCsv, outputDir, DEFAULT_VALIDATION_FRACTION, 0, 0, 0, LabelBase.ZERO,
                Compression.NONE, false, defaultThreads(), DEFAULT_PROGRESS_SECONDS);
    }

    /** Every image goes to one split's shards, named {@link #splitName}. */
    public boolean singleSplit() {
        return splitName != null;
    }

    /** Every core the JVM may use: the commands' rule for {@code --threads=0}, which they apply before building options. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Options writing to {@code outputDir}, everything else at its default until set. */
    public static Builder builder(String outputDir) {
        return new Builder(outputDir);
    }

    /** The options one by one, for the command line and for code; {@link #build} checks them together. */
    public static final class Builder {
        private final String outputDir;
        private String inputDir;
        private String inputCsv;
        private String inputIdxImages;
        private String inputIdxLabels;
        private List<String> classNames;
        private double validationFraction = DEFAULT_VALIDATION_FRACTION;
        private String splitName;
        private int trainShards;
        private int validationShards;
        private long seed;
        private LabelBase labelBase = LabelBase.ZERO;
        private Compression compression = Compression.NONE;
        private boolean overwrite;
        private int threads = defaultThreads();
        private double progressSeconds = DEFAULT_PROGRESS_SECONDS;
        private boolean skipBadImages;

        private Builder(String outputDir) {
            this.outputDir = outputDir;
        }

        public Builder inputDir(String inputDir) {
            this.inputDir = inputDir;
            return this;
        }

        public Builder inputCsv(String inputCsv) {
            this.inputCsv = inputCsv;
            return this;
        }

        public Builder inputIdxImages(String inputIdxImages) {
            this.inputIdxImages = inputIdxImages;
            return this;
        }

        public Builder inputIdxLabels(String inputIdxLabels) {
            this.inputIdxLabels = inputIdxLabels;
            return this;
        }

        public Builder classNames(List<String> classNames) {
            this.classNames = classNames;
            return this;
        }

        public Builder validationFraction(double validationFraction) {
            this.validationFraction = validationFraction;
            return this;
        }

        public Builder splitName(String splitName) {
            this.splitName = splitName;
            return this;
        }

        public Builder trainShards(int trainShards) {
            this.trainShards = trainShards;
            return this;
        }

        public Builder validationShards(int validationShards) {
            this.validationShards = validationShards;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder labelBase(LabelBase labelBase) {
            this.labelBase = labelBase;
            return this;
        }

        public Builder compression(Compression compression) {
            this.compression = compression;
            return this;
        }

        public Builder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder progressSeconds(double progressSeconds) {
            this.progressSeconds = progressSeconds;
            return this;
        }

        public Builder skipBadImages(boolean skipBadImages) {
            this.skipBadImages = skipBadImages;
            return this;
        }

        /** @throws IllegalArgumentException naming the flag whose value (or combination) cannot be used */
        public ConvertOptions build() {
            return new ConvertOptions(inputDir, inputCsv, inputIdxImages, inputIdxLabels, classNames, outputDir,
                    validationFraction, splitName, trainShards, validationShards, seed, labelBase, compression, overwrite,
                    threads, progressSeconds, skipBadImages);
        }
    }
}
