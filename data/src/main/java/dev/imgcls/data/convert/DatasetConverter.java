package dev.imgcls.data.convert;

import dev.imgcls.data.example.ImageExampleBuilder;
import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.TFRecordWriter;
import dev.imgcls.io.AtomicOutputStream;
import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;
import dev.imgcls.io.IoErrorText;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts a folder of class folders, a {@code path,label} CSV or an IDX images/labels pair into sharded train/validation
 * TFRecords of image tf.Examples plus {@code labels.txt}. Images are read and turned into records
 * by a few threads ahead of the one writer, in order, so the output is the same on every run for a
 * seed. Every file is written atomically; if the conversion fails, the files it already finished
 * are deleted again, so a failed run leaves no partial data set that a {@code train-*} pattern would
 * pick up.
 */
public final class DatasetConverter {

    public static final String LABELS_FILE = "labels.txt";
    /** Names of shards this tool writes, to recognise those of an earlier run. */
    private static final Pattern SHARD_NAME = Pattern.compile("(train|validation)-\\d{5}-of-\\d{5}\\.tfrec");

    /** What was written. */
    public record Result(int trainImages, int validationImages, int trainShards, int validationShards, List<String> classNames,
                         List<String> files) {}

    private final FileSystems fileSystems;
    private final PrintStream out;
    private final LongSupplier nanoClock;

    public DatasetConverter(FileSystems fileSystems, PrintStream out, LongSupplier nanoClock) {
        this.fileSystems = fileSystems;
        this.out = out;
        this.nanoClock = nanoClock;
    }

    public DatasetConverter(PrintStream out) {
        this(FileSystems.defaults(), out, System::nanoTime);
    }

    public Result convert(ConvertOptions options) throws IOException {
        ImageInventory inventory = inventory(options);
        // One named split is the stratified split with everything on one side.
        double validationFraction = !options.singleSplit() ? options.validationFraction()
                : options.splitName().equals("validation") ? 1 : 0;
        ShardPlan plan = ShardPlan.of(inventory, validationFraction, options.trainShards(), options.validationShards(),
                options.seed(), options.outputDir());
        String labelsPath = FileSystems.join(options.outputDir(), LABELS_FILE);
        FileSystem output = fileSystems.resolve(options.outputDir());
        boolean labelsInPlace = options.singleSplit() && sameLabels(output, labelsPath, inventory.classNames());
        checkOutputs(output, options, plan, labelsInPlace ? null : labelsPath);

        out.println("make-tfrecords: " + inventory.images().size() + " images of " + inventory.classNames().size()
                + " classes -> " + describe(plan.train(), "train") + " and " + describe(plan.validation(), "validation")
                + " in " + options.outputDir());
        List<String> written = new ArrayList<>();
        Counts counts;
        try {
            counts = writeShards(plan, inventory, options, written);
            if (!labelsInPlace) {
                writeLabels(output, labelsPath, inventory.classNames());
                written.add(labelsPath);
            }
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(output, written);
            throw e;
        }
        int trainImages = counts.train();
        int validationImages = counts.validation();
        if (counts.skipped() > 0) {
            out.println("make-tfrecords: skipped " + counts.skipped() + " image" + (counts.skipped() == 1 ? "" : "s")
                    + " that could not be read or decoded (each listed above); the data set holds the others");
        }
        int base = options.labelBase().offset();
        out.println("make-tfrecords: wrote " + trainImages + " training and " + validationImages + " validation images"
                + (options.compression() == Compression.NONE ? "" : " (" + options.compression() + "-compressed TFRecords)")
                + "; " + LABELS_FILE + " lists the " + inventory.classNames().size() + " classes for labels " + base + ".."
                + (inventory.classNames().size() - 1 + base) + ": train with --num_classes=" + inventory.classNames().size()
                + (base == 1 ? " --label_base=1" : ""));
        return new Result(trainImages, validationImages, plan.train().size(), plan.validation().size(), inventory.classNames(),
                List.copyOf(written));
    }

    private ImageInventory inventory(ConvertOptions options) throws IOException {
        if (options.inputDir() != null) {
            return FolderInventory.scan(Path.of(options.inputDir()), out);
        }
        if (options.inputCsv() != null) {
            return CsvInventory.read(options.inputCsv(), fileSystems, options.labelBase(), out);
        }
        return IdxInventory.read(options.inputIdxImages(), options.inputIdxLabels(), options.classNames(), fileSystems);
    }

    /**
     * Whether {@code labels.txt} already lists exactly these classes. Then a one-split conversion
     * (the test set as validation, after the training set) leaves it as it is rather than refusing
     * to overwrite it: both halves of the data set share it.
     */
    private static boolean sameLabels(FileSystem output, String labelsPath, List<String> classNames) throws IOException {
        if (!output.exists(labelsPath)) {
            return false;
        }
        try (InputStream in = output.openRead(labelsPath)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).equals(labelsText(classNames));
        }
    }

    private static String describe(List<ShardPlan.Shard> shards, String split) {
        int images = shards.stream().mapToInt(s -> s.images().size()).sum();
        return images + " " + split + " images in " + shards.size() + " file" + (shards.size() == 1 ? "" : "s");
    }

    /**
     * Refuses to replace files without {@code --overwrite}, and always refuses to leave shards of an
     * earlier run with other shard counts beside the new ones, where {@code train-*} would match both.
     *
     * @param labelsPath {@code null} when labels.txt is kept as it is
     */
    private void checkOutputs(FileSystem output, ConvertOptions options, ShardPlan plan, String labelsPath) throws IOException {
        Set<String> planned = new HashSet<>();
        List<String> existing = new ArrayList<>();
        for (String path : allOutputs(plan, labelsPath)) {
            planned.add(path.substring(path.lastIndexOf('/') + 1));
            if (output.exists(path)) {
                existing.add(path);
            }
        }
        if (!existing.isEmpty() && !options.overwrite()) {
            throw new ConversionException("refusing to overwrite " + existing.size() + " existing file(s) in " + options.outputDir()
                    + ", e.g. " + existing.get(0) + "; pass --overwrite to replace them");
        }
        if (!options.outputDir().startsWith("gs://") && Files.isRegularFile(Path.of(options.outputDir()))) {
            throw new ConversionException("--output_dir=" + options.outputDir() + " is a file, not a folder; choose another --output_dir");
        }
        if (output.exists(options.outputDir())) {
            List<String> stale = new ArrayList<>();
            for (String name : output.list(options.outputDir())) {
                Matcher shard = SHARD_NAME.matcher(name);
                // A one-split run leaves the other split's shards alone: they are the rest of the data set.
                boolean ours = shard.matches() && (!options.singleSplit() || shard.group(1).equals(options.splitName()));
                if (ours && !planned.contains(name)) {
                    stale.add(name);
                }
            }
            if (!stale.isEmpty()) {
                throw new ConversionException(options.outputDir() + " holds " + stale.size() + " shard(s) of an earlier conversion"
                        + " that this one would not replace (e.g. " + stale.get(0) + "), and a train-*/validation-* pattern"
                        + " would read them too; delete them or choose another --output_dir");
            }
        }
    }

    private static List<String> allOutputs(ShardPlan plan, String labelsPath) {
        List<String> paths = new ArrayList<>();
        plan.all().forEach(s -> paths.add(s.path()));
        if (labelsPath != null) {
            paths.add(labelsPath);
        }
        return paths;
    }

    /** Images written per split, and those passed over by {@code --skip_bad_images}. */
    private record Counts(int train, int validation, int skipped) {}

    private Counts writeShards(ShardPlan plan, ImageInventory inventory, ConvertOptions options, List<String> written) throws IOException {
        List<SourceImage> order = new ArrayList<>();
        plan.all().forEach(s -> order.addAll(s.images()));
        int ahead = 4 * options.threads();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), task -> {
            Thread t = new Thread(task, "make-tfrecords-reader");
            t.setDaemon(true);
            return t;
        });
        ProgressMeter progress = new ProgressMeter(order.size(), out, (long) (options.progressSeconds() * 1e9), nanoClock);
        int[] perSplit = new int[2];
        int skipped = 0;
        try {
            ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
            int submitted = 0;
            List<ShardPlan.Shard> shards = plan.all();
            for (int s = 0; s < shards.size(); s++) {
                ShardPlan.Shard shard = shards.get(s);
                FileSystem fs = fileSystems.resolve(shard.path());
                try (TFRecordWriter writer = TFRecordWriter.create(fs, shard.path(), options.compression())) {
                    for (int i = 0; i < shard.images().size(); i++) {
                        while (pending.size() < ahead && submitted < order.size()) {
                            SourceImage image = order.get(submitted++);
                            pending.add(pool.submit(() -> record(image, inventory, options)));
                        }
                        try {
                            writer.write(result(pending.poll()));
                            perSplit[s < plan.train().size() ? 0 : 1]++;
                        } catch (BadSourceImage bad) {
                            if (!options.skipBadImages()) {
                                throw bad;
                            }
                            out.println("make-tfrecords: skipped " + bad.path() + ": " + bad.reason());
                            skipped++;
                        }
                        progress.advance();
                    }
                    writer.commit();
                }
                written.add(shard.path());
            }
        } finally {
            pool.shutdownNow();
        }
        progress.finish();
        return new Counts(perSplit[0], perSplit[1], skipped);
    }

    /** The serialized tf.Example of one image, with the features Google's converters write. */
    private byte[] record(SourceImage image, ImageInventory inventory, ConvertOptions options) throws IOException {
        EncodedImage encoded = inventory.source() != null
                ? inventory.source().encode(image)
                : EncodedImage.of(read(image.path()), image.path());
        String className = inventory.classNames().get(image.classIndex());
        return new ImageExampleBuilder()
                .encoded(encoded.bytes())
                .label(image.classIndex() + options.labelBase().offset())
                .synset(className)
                .format(encoded.format())
                .height(encoded.height())
                .width(encoded.width())
                .channels(encoded.channels())
                .colorspace(encoded.colorspace())
                .filename(image.name())
                .toByteArray();
    }

    private byte[] read(String path) throws IOException {
        try (InputStream in = fileSystems.resolve(path).openRead(path)) {
            return in.readAllBytes();
        } catch (InterruptedIOException e) {
            throw e; // stopping, not a bad image
        } catch (IOException e) {
            String why = IoErrorText.describe(e);
            throw new BadSourceImage(path, why.startsWith(path + ": ") ? why.substring(path.length() + 2) : lowerFirst(why), e);
        }
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }

    private static byte[] result(Future<byte[]> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while converting images");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new ConversionException("converting an image failed: " + cause, cause);
        }
    }

    private static void writeLabels(FileSystem output, String path, List<String> classNames) throws IOException {
        try (AtomicOutputStream file = output.create(path)) {
            file.write(labelsText(classNames).getBytes(StandardCharsets.UTF_8));
            file.commit();
        }
    }

    private static String labelsText(List<String> classNames) {
        StringBuilder text = new StringBuilder();
        for (String name : classNames) {
            text.append(name).append('\n');
        }
        return text.toString();
    }

    private void deleteQuietly(FileSystem output, List<String> paths) {
        for (String path : paths) {
            try {
                output.delete(path);
            } catch (IOException e) {
                out.println("make-tfrecords: warning: could not delete " + path + " after the failure: " + e.getMessage());
            }
        }
        if (!paths.isEmpty()) {
            out.println("make-tfrecords: deleted the " + paths.size() + " file(s) this run had finished, so no partial data set is left");
        }
    }
}
