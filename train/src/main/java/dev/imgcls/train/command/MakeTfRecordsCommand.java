package dev.imgcls.train.command;

import dev.imgcls.data.convert.ConvertOptions;
import dev.imgcls.data.convert.MakeTfRecords;
import dev.imgcls.data.pipeline.LabelBase;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.CommandLine;
import dev.imgcls.train.cli.FlagSpec;
import dev.imgcls.train.cli.FlagValues;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * {@code imgcls make-tfrecords}: image folders, a CSV or IDX files to TFRecord shards the trainer
 * reads. The flags are parsed here; the conversion is {@code data}'s ({@link MakeTfRecords}).
 */
final class MakeTfRecordsCommand implements Command {
    static final String USAGE = """
            usage: imgcls make-tfrecords (--input_dir=DIR | --input_csv=FILE | --input_idx_images=FILE --input_idx_labels=FILE)
                                         --output_dir=DIR [options]

            Arguments are --name=value or --name value.
            Converts images to sharded TFRecords of tf.Example (image/encoded, image/class/label, ...)
            plus labels.txt (class names, one per line, in label order).

            input (one of):
              --input_dir=DIR            local folder with one sub-folder of images per class;
                                         class names are the folder names, sorted, giving labels
              --input_csv=FILE           CSV of path,label lines (local or gs://); relative paths are
                                         relative to the CSV's folder; labels are class names, or
                                         integers that are written unchanged
              --input_idx_images=FILE    IDX images (MNIST format: unsigned bytes, count x rows x cols),
              --input_idx_labels=FILE    with their IDX labels (class ids from 0); gzip or plain, local
                                         or gs://; each image is stored as a grey PNG
              --class_names=A,B,...      names of IDX classes 0, 1, ... for labels.txt (default: the ids)
            output:
              --output_dir=DIR           local or gs:// folder; files train-00000-of-00004.tfrec,
                                         validation-00000-of-00001.tfrec, labels.txt
            options:
              --validation_fraction=F    share of each class put in validation files (default 0.1)
              --split_name=train|validation   write every image to this split's files instead of
                                         splitting (e.g. a separate test set as validation); an
                                         identical labels.txt and the other split's files are kept
              --train_shards=N           number of training files (default: one per 1024 images)
              --validation_shards=N      number of validation files (default: one per 1024 images)
              --label_base=0|1           first label: 0 (labels 0..n-1, default) or 1 (labels 1..n)
              --compression=none|gzip|zlib   whole-file compression (default none)
              --seed=N                   seed of the split and shuffle (default 0)
              --overwrite                replace existing output files
              --skip_bad_images          leave out images that cannot be read or decoded, listing each
                                         one and the count, instead of stopping at the first
              --threads=N                images read and prepared in parallel (default 0 = all cores)
              --progress_seconds=S       seconds between progress lines (default 5)
            """;

    static final List<FlagSpec> FLAGS = List.of(FlagSpec.value("input_dir", "DIR"), FlagSpec.value("input_csv", "FILE"),
            FlagSpec.value("input_idx_images", "FILE"), FlagSpec.value("input_idx_labels", "FILE"),
            FlagSpec.value("class_names", "A,B,..."), FlagSpec.value("output_dir", "DIR"),
            FlagSpec.value("validation_fraction", "F"), FlagSpec.value("split_name", "train|validation"),
            FlagSpec.value("train_shards", "N"), FlagSpec.value("validation_shards", "N"), FlagSpec.value("label_base", "0|1"),
            FlagSpec.value("compression", "none|gzip|zlib"), FlagSpec.value("seed", "N"), FlagSpec.bool("overwrite"),
            FlagSpec.bool("skip_bad_images"), FlagSpec.value("threads", "N"), FlagSpec.value("progress_seconds", "S"));

    @Override
    public String name() {
        return "make-tfrecords";
    }

    @Override
    public String summary() {
        return "convert class folders, a CSV or IDX files of images into TFRecord shards and labels.txt";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = CommandLine.read(args, FLAGS, false);
        if (line.helpRequested()) {
            out.print(USAGE);
            return 0;
        }
        ConvertOptions options;
        try {
            options = options(line);
        } catch (ArgumentException e) {
            return Arguments.rejected(e, err);
        }
        return MakeTfRecords.run(options, err);
    }

    static ConvertOptions options(CommandLine line) {
        FlagValues v = new FlagValues(line);
        if (v.has("split_name") && v.has("validation_fraction")) {
            v.problem("--split_name writes every image to one split; it cannot go with --validation_fraction");
        }
        ConvertOptions.Builder b = ConvertOptions.builder(v.text("output_dir", null))
                .inputDir(v.text("input_dir", null))
                .inputCsv(v.text("input_csv", null))
                .inputIdxImages(v.text("input_idx_images", null))
                .inputIdxLabels(v.text("input_idx_labels", null))
                .classNames(classNames(v))
                .validationFraction(v.number("validation_fraction", ConvertOptions.DEFAULT_VALIDATION_FRACTION))
                .splitName(v.text("split_name", null))
                .trainShards(v.integerAtLeast("train_shards", 0, 0))
                .validationShards(v.integerAtLeast("validation_shards", 0, 0))
                .seed(v.longInteger("seed", 0))
                .labelBase(v.choice("label_base", "0", List.of("0", "1")).equals("1") ? LabelBase.ONE : LabelBase.ZERO)
                .compression(compression(v.choice("compression", "none", List.of("none", "gzip", "zlib"))))
                .overwrite(v.bool("overwrite", false))
                .skipBadImages(v.bool("skip_bad_images", false))
                .threads(Threads.resolve(Math.max(0, v.integerAtLeast("threads", 0, 0))))
                .progressSeconds(v.number("progress_seconds", ConvertOptions.DEFAULT_PROGRESS_SECONDS));
        v.throwIfAny();
        try {
            return b.build();
        } catch (IllegalArgumentException e) { // a rule between the values, in the flags' words
            v.problem(e.getMessage());
            v.throwIfAny();
            throw e;
        }
    }

    /** Comma-separated, each name trimmed; {@code null} when the flag is absent. */
    private static List<String> classNames(FlagValues v) {
        String value = v.text("class_names", null);
        if (value == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String name : value.split(",", -1)) {
            if (name.isBlank()) {
                v.problem("--class_names has an empty name: '" + value + "'");
                return null;
            }
            names.add(name.strip());
        }
        if (new HashSet<>(names).size() != names.size()) {
            v.problem("--class_names names a class twice: '" + value + "'");
            return null;
        }
        return names;
    }

    private static Compression compression(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "gzip" -> Compression.GZIP;
            case "zlib" -> Compression.ZLIB;
            default -> Compression.NONE;
        };
    }
}
