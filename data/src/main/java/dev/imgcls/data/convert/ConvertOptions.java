package dev.imgcls.data.convert;

import dev.imgcls.data.pipeline.LabelBase;
import dev.imgcls.data.tfrecord.Compression;

/**
 * What {@code make-tfrecords} converts and how; see {@link MakeTfRecords} for the flags.
 *
 * @param inputDir local folder of class folders, or {@code null} when {@code inputCsv} is given
 * @param inputCsv CSV of {@code path,label} lines (local or {@code gs://}), or {@code null}
 * @param outputDir local or {@code gs://} folder for the shards and {@code labels.txt}
 * @param trainShards 0 to choose from the image count
 * @param validationShards 0 to choose from the image count
 * @param threads threads that read and prepare images ahead of the writer
 * @param progressSeconds seconds between progress lines
 */
public record ConvertOptions(String inputDir, String inputCsv, String outputDir, double validationFraction, int trainShards,
                             int validationShards, long seed, LabelBase labelBase, Compression compression, boolean overwrite,
                             int threads, double progressSeconds) {

    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;

    public ConvertOptions {
        if ((inputDir == null) == (inputCsv == null)) {
            throw new IllegalArgumentException("give exactly one of --input_dir and --input_csv");
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

    /** Defaults for everything but the input and output. */
    public static ConvertOptions defaults(String inputDir, String inputCsv, String outputDir) {
        return new ConvertOptions(inputDir, inputCsv, outputDir, DEFAULT_VALIDATION_FRACTION, 0, 0, 0, LabelBase.ZERO,
                Compression.NONE, false, defaultThreads(), 5);
    }

    /** Reading images is partly waiting (disk, Cloud Storage), so twice the cores, capped. */
    public static int defaultThreads() {
        return Math.min(16, 2 * Runtime.getRuntime().availableProcessors());
    }
}
