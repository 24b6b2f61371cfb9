package dev.imgcls.data.convert;

import dev.imgcls.data.pipeline.LabelBase;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.io.IoErrorText;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code make-tfrecords}: turns images into the TFRecords the trainer reads. The training jar's
 * command dispatcher calls {@link #run}; {@link #main} is the same for direct use.
 */
public final class MakeTfRecords {

    public static final String USAGE = """
            usage: make-tfrecords (--input_dir=DIR | --input_csv=FILE | --input_idx_images=FILE --input_idx_labels=FILE)
                                  --output_dir=DIR [options]

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
              --threads=N                images read and prepared in parallel (default 2 x cores, max 16)
              --progress_seconds=S       seconds between progress lines (default 5)
            """;

    private static final Set<String> FLAGS = Set.of("input_dir", "input_csv", "input_idx_images", "input_idx_labels", "class_names",
            "output_dir", "validation_fraction", "split_name", "train_shards", "validation_shards", "label_base", "compression", "seed",
            "overwrite", "threads", "progress_seconds", "skip_bad_images");
    /** Flags that may stand alone, meaning true. */
    private static final Set<String> SWITCHES = Set.of("overwrite", "skip_bad_images");

    private MakeTfRecords() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the command; messages and progress go to {@code err}, help to {@code out}.
     *
     * @return 0 on success, 1 when the conversion failed, 2 for a usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ConvertOptions options;
        try {
            Map<String, String> flags = parseFlags(args);
            if (flags.containsKey("help")) {
                out.print(USAGE);
                return 0;
            }
            options = options(flags);
        } catch (IllegalArgumentException e) {
            err.println("make-tfrecords: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            new DatasetConverter(err).convert(options);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("make-tfrecords: error: " + message(e));
            return 1;
        }
    }

    static Map<String, String> parseFlags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                flags.put("help", "");
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "' (flags are --name=value)");
            }
            int eq = arg.indexOf('=');
            String name = (eq < 0 ? arg.substring(2) : arg.substring(2, eq)).replace('-', '_');
            String value = eq < 0 ? null : arg.substring(eq + 1);
            if (!FLAGS.contains(name)) {
                throw new IllegalArgumentException("unknown flag --" + name);
            }
            if (value == null && !SWITCHES.contains(name)) {
                throw new IllegalArgumentException("--" + name + " needs a value: --" + name + "=...");
            }
            if (flags.put(name, value == null ? "true" : value) != null) {
                throw new IllegalArgumentException("--" + name + " is given twice");
            }
        }
        return flags;
    }

    static ConvertOptions options(Map<String, String> flags) {
        if (flags.containsKey("split_name") && flags.containsKey("validation_fraction")) {
            throw new IllegalArgumentException("--split_name writes every image to one split; it cannot go with --validation_fraction");
        }
        return new ConvertOptions(flags.get("input_dir"), flags.get("input_csv"), flags.get("input_idx_images"),
                flags.get("input_idx_labels"), classNames(flags.get("class_names")), flags.get("output_dir"),
                number(flags, "validation_fraction", ConvertOptions.DEFAULT_VALIDATION_FRACTION), flags.get("split_name"),
                (int) integer(flags, "train_shards", 0),
                (int) integer(flags, "validation_shards", 0),
                integer(flags, "seed", 0),
                flags.containsKey("label_base") ? LabelBase.parse(flags.get("label_base")) : LabelBase.ZERO,
                flags.containsKey("compression") ? compression(flags.get("compression")) : Compression.NONE,
                bool(flags, "overwrite"),
                (int) integer(flags, "threads", ConvertOptions.defaultThreads()),
                number(flags, "progress_seconds", ConvertOptions.DEFAULT_PROGRESS_SECONDS),
                bool(flags, "skip_bad_images"));
    }

    /** Comma-separated, each name trimmed; {@code null} when the flag is absent. */
    private static List<String> classNames(String value) {
        if (value == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String name : value.split(",", -1)) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("--class_names has an empty name: '" + value + "'");
            }
            names.add(name.strip());
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("--class_names names a class twice: '" + value + "'");
        }
        return names;
    }

    private static Compression compression(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "none", "" -> Compression.NONE;
            case "gzip" -> Compression.GZIP;
            case "zlib" -> Compression.ZLIB;
            default -> throw new IllegalArgumentException("--compression must be none, gzip or zlib, got '" + value + "'");
        };
    }

    private static long integer(Map<String, String> flags, String name, long fallback) {
        String v = flags.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + v + "'");
        }
    }

    private static double number(Map<String, String> flags, String name, double fallback) {
        String v = flags.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + v + "'");
        }
    }

    private static boolean bool(Map<String, String> flags, String name) {
        String v = flags.get(name);
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException("--" + name + " must be true or false, got '" + v + "'");
        };
    }

    /** What went wrong in words, naming the file (the JDK's file exceptions hold only the path as their message). */
    static String message(Exception e) {
        if (e instanceof BadSourceImage) {
            return e.getMessage() + "; pass --skip_bad_images to leave out such images (each is listed)";
        }
        if (e instanceof IOException io) {
            return IoErrorText.describe(io);
        }
        String message = e.getMessage();
        return message != null && !IoErrorText.mentionsJavaClass(message) ? message
                : "the conversion failed on an internal error (a bug in imgcls)";
    }
}
