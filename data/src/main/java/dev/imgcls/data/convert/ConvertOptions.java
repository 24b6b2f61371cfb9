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

    /** Reading images is partly waiting (disk, Cloud Storage), so twice the cores, capped. */
    public static int defaultThreads() {
        return Math.min(16, 2 * Runtime.getRuntime().availableProcessors());
    }
}
