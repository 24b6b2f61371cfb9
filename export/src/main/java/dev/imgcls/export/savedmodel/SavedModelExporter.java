package dev.imgcls.export.savedmodel;

import dev.imgcls.nn.Model;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a model as a TensorFlow SavedModel directory that TF Serving, AI Platform Prediction,
 * {@code tf.saved_model.load} and TF Java's {@code SavedModelBundle.load(dir, "serve")} accept:
 *
 * <pre>
 * exportDir/
 *   saved_model.pb                  graph with every weight as a Const, signature serving_default
 *   assets.extra/imgcls_model.json  model_type, num_classes, image_size (and crop padding), weight node names
 *   assets.extra/…                  what the caller adds (the trainer: provenance.json)
 *   …                               other files the caller adds (the trainer: model.onnx)
 * </pre>
 *
 * Weights are Const nodes rather than a {@code variables/} bundle (tf-formats.md §3.6, route A):
 * the file is self-contained, loaders take their simplest path (no saver, no restore op, no init
 * op), and even EfficientNet-B7 (~265 MB) is far below protobuf's 2 GiB message limit. The
 * directory is replaced atomically: a failed export leaves the previous one as it was.
 */
public final class SavedModelExporter {
    public static final String SAVED_MODEL_FILE = "saved_model.pb";

    /** Called after each file of an export is complete (tests inject failures here). */
    @FunctionalInterface
    interface FileListener {
        void written(Path file) throws IOException;
    }

    private SavedModelExporter() {
    }

    /**
     * Exports {@code model}'s current weights with a serving graph that resizes images to
     * {@code imageSize}, replacing {@code exportDir} once the new export is complete.
     */
    public static void export(Model model, int imageSize, Path exportDir) throws IOException {
        export(model, imageSize, ExportInfo.REFERENCE_CROP_PADDING, exportDir, Map.of(), file -> { });
    }

    /**
     * As {@link #export(Model, int, Path)}, with files of the caller's in {@code assets.extra/}
     * (TF loaders and TF Serving ignore that folder), published with the model.
     *
     * @param extraAssets file name (a plain name, not {@code imgcls_model.json}) → UTF-8 text
     */
    public static void export(Model model, int imageSize, Path exportDir, Map<String, String> extraAssets) throws IOException {
        export(model, imageSize, ExportInfo.REFERENCE_CROP_PADDING, exportDir, extraAssets, file -> { });
    }

    /**
     * As {@link #export(Model, int, Path, Map)}, with the serving graph's centre crop keeping
     * {@code imageSize / (imageSize + cropPadding)} of the shorter side (the reference: 32).
     */
    public static void export(Model model, int imageSize, int cropPadding, Path exportDir, Map<String, String> extraAssets)
            throws IOException {
        export(model, imageSize, cropPadding, exportDir, extraAssets, file -> { });
    }

    /**
     * As {@link #export(Model, int, Path, Map)}, with files of the caller's beside
     * {@code saved_model.pb} (TF loaders ignore them), written into the new export before it is
     * published, so readers see them exactly when they see the model they belong to.
     *
     * @param extraFiles file name (a plain name, not {@code saved_model.pb} nor {@code assets.extra}) → its content
     */
    public static void export(Model model, int imageSize, Path exportDir, Map<String, String> extraAssets, Map<String, Content> extraFiles)
            throws IOException {
        export(model, imageSize, ExportInfo.REFERENCE_CROP_PADDING, exportDir, extraAssets, extraFiles);
    }

    /** As {@link #export(Model, int, Path, Map, Map)}, with the serving graph's crop padding. */
    public static void export(Model model, int imageSize, int cropPadding, Path exportDir, Map<String, String> extraAssets,
                              Map<String, Content> extraFiles) throws IOException {
        export(model, imageSize, cropPadding, exportDir, extraAssets, extraFiles, file -> { });
    }

    static void export(Model model, int imageSize, Path exportDir, FileListener listener) throws IOException {
        export(model, imageSize, ExportInfo.REFERENCE_CROP_PADDING, exportDir, Map.of(), listener);
    }

    private static void export(Model model, int imageSize, int cropPadding, Path exportDir, Map<String, String> extraAssets,
                               FileListener listener) throws IOException {
        export(model, imageSize, cropPadding, exportDir, extraAssets, Map.of(), listener);
    }

    private static void export(Model model, int imageSize, int cropPadding, Path exportDir, Map<String, String> extraAssets,
                               Map<String, Content> extraFiles, FileListener listener) throws IOException {
        String infoName = Path.of(ExportInfo.FILE).getFileName().toString();
        for (String name : extraAssets.keySet()) {
            if (!plainName(name) || name.equals(infoName)) {
                throw new IllegalArgumentException("extra asset name must be a plain file name other than " + infoName + ", got '" + name + "'");
            }
        }
        String assetsDir = Path.of(ExportInfo.FILE).getParent().toString();
        for (String name : extraFiles.keySet()) {
            if (!plainName(name) || name.equals(SAVED_MODEL_FILE) || name.equals(assetsDir)) {
                throw new IllegalArgumentException("extra file name must be a plain file name other than " + SAVED_MODEL_FILE + " and "
                        + assetsDir + ", got '" + name + "'");
            }
        }
        ServingModelBuilder.Built built = ServingModelBuilder.build(model, imageSize, cropPadding);
        VersionedDirectory.replace(exportDir, dir -> {
            writeDurably(dir.resolve(SAVED_MODEL_FILE), built.savedModel()::writeTo);
            listener.written(dir.resolve(SAVED_MODEL_FILE));
            Path info = dir.resolve(ExportInfo.FILE);
            Files.createDirectories(info.getParent());
            writeDurably(info, out -> out.write(built.info().toJson().getBytes(StandardCharsets.UTF_8)));
            listener.written(info);
            for (Map.Entry<String, String> asset : new TreeMap<>(extraAssets).entrySet()) {
                Path file = info.resolveSibling(asset.getKey());
                writeDurably(file, out -> out.write(asset.getValue().getBytes(StandardCharsets.UTF_8)));
                listener.written(file);
            }
            for (Map.Entry<String, Content> extra : new TreeMap<>(extraFiles).entrySet()) {
                Path file = dir.resolve(extra.getKey());
                writeDurably(file, extra.getValue());
                listener.written(file);
            }
        });
    }

    private static boolean plainName(String name) {
        return !name.isEmpty() && !name.contains("/") && !name.contains("\\") && !name.startsWith(".");
    }

    /** Writes a file's bytes. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes and fsyncs, so the rename that publishes the directory never exposes a half-written file after a crash. */
    private static void writeDurably(Path file, Content content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            content.writeTo(out);
            out.flush();
            channel.force(true);
        }
    }
}
