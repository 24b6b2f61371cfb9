package dev.imgcls.export.onnx;

import dev.imgcls.export.onnx.proto.ModelProto;
import dev.imgcls.export.savedmodel.SavedModelExporter;
import dev.imgcls.io.AtomicOutputStream;
import dev.imgcls.io.FileSystems;
import dev.imgcls.nn.Model;

import java.io.IOException;

/**
 * Writes a model as one ONNX file ({@link OnnxModelBuilder}) on a local disk or {@code gs://}.
 * The file appears whole or not at all: a failed export leaves the previous file as it was.
 */
public final class OnnxExporter {
    /** The file's name beside the SavedModel in the job's {@code model/} directory. */
    public static final String FILE = "model.onnx";

    private OnnxExporter() {
    }

    /** Exports {@code model}'s current weights to {@code path} (local or {@code gs://}), replacing any file there. */
    public static void export(Model model, OnnxExportOptions options, String path) throws IOException {
        ModelProto proto = OnnxModelBuilder.build(model, options);
        try (AtomicOutputStream out = FileSystems.forPath(path).create(path)) {
            proto.writeTo(out);
            out.commit();
        }
    }

    /**
     * The model built now, as content to write later: for the SavedModel export's extra files,
     * which puts {@value #FILE} into a new export before publishing it.
     */
    public static SavedModelExporter.Content content(Model model, OnnxExportOptions options) {
        ModelProto proto = OnnxModelBuilder.build(model, options);
        return proto::writeTo;
    }

    /** As {@link #export}, to {@value #FILE} inside {@code directory}; returns the file's path. */
    public static String exportInto(Model model, OnnxExportOptions options, String directory) throws IOException {
        String path = FileSystems.join(directory, FILE);
        export(model, options, path);
        return path;
    }
}
