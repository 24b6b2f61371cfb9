package dev.imgcls.export.inspect;

import dev.imgcls.export.checkpoint.BundleNames;
import dev.imgcls.export.savedmodel.SavedModelExporter;
import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;
import dev.imgcls.io.IoErrorText;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * The {@code inspect} command: shows what a path holds, a SavedModel's signatures
 * ({@link InspectSavedModel}) or a checkpoint's variables ({@link InspectCheckpoint}); other files
 * the caller knows (a TFRecord data file passed by mistake) get its {@link FileView}.
 *
 * <pre>
 * inspect gs://bucket/job/model                  (a SavedModel directory: it holds saved_model.pb)
 * inspect gs://bucket/job/model/saved_model.pb   (the same)
 * inspect /job/checkpoints/model.ckpt-1000       (a checkpoint prefix, or one of its files)
 * inspect /job/checkpoints                       (a directory of checkpoints: its latest)
 * </pre>
 */
public final class Inspect {

    /** What {@link #run} accepts, for the command's usage text. */
    public static final String PATHS = "<path>: a SavedModel directory (holding " + SavedModelExporter.SAVED_MODEL_FILE
            + ") or that file; or a checkpoint prefix (dir/model.ckpt-1000), one of its files (.index, .data-*),"
            + " or a directory of checkpoints (its latest); local paths or gs://";

    private Inspect() {}

    /** Shows what {@code path} holds, local or gs://; returns the exit status (0 ok, 1 nothing readable there). */
    public static int run(String path, PrintStream out, PrintStream err) {
        return run(path, out, err, FileSystems.defaults());
    }

    /** As {@link #run(String, PrintStream, PrintStream)}, offering existing files to {@code views} first, in order. */
    public static int run(String path, PrintStream out, PrintStream err, List<FileView> views) {
        return run(path, out, err, FileSystems.defaults(), views);
    }

    public static int run(String given, PrintStream out, PrintStream err, FileSystems fileSystems) {
        return run(given, out, err, fileSystems, List.of());
    }

    public static int run(String given, PrintStream out, PrintStream err, FileSystems fileSystems, List<FileView> views) {
        String path = stripTrailingSlash(given);
        try {
            inspect(fileSystems, path, out, views);
            return InspectCheckpoint.OK;
        } catch (IOException e) {
            err.println("inspect: " + IoErrorText.describe(e));
            return InspectCheckpoint.FAILED;
        }
    }

    private static void inspect(FileSystems fileSystems, String path, PrintStream out, List<FileView> views) throws IOException {
        String savedModelFile = "/" + SavedModelExporter.SAVED_MODEL_FILE;
        if (path.endsWith(savedModelFile)) {
            path = path.substring(0, path.length() - savedModelFile.length());
        }
        if (InspectSavedModel.isSavedModel(fileSystems, path)) {
            InspectSavedModel.print(fileSystems, path, out);
            return;
        }
        FileSystem fs = fileSystems.resolve(path);
        boolean exists = fs.exists(path);
        if (exists) {
            for (FileView view : views) {
                if (view.recognises(fs, path)) {
                    view.print(fs, path, out);
                    return;
                }
            }
        }
        if (!exists && !fs.exists(BundleNames.indexFile(path))) {
            throw new NoSuchFileException(path, null, "no such file or directory (nor a checkpoint prefix: no "
                    + BundleNames.indexFile(path) + ")");
        }
        try {
            InspectCheckpoint.print(fileSystems, path, out);
        } catch (NoSuchFileException e) {
            if (!exists) {
                throw e;
            }
            // An existing directory that is neither: say both things that were looked for.
            throw new NoSuchFileException(path, null, "not a SavedModel (no " + SavedModelExporter.SAVED_MODEL_FILE + ") and "
                    + (e.getReason() != null ? e.getReason() : "no checkpoint"));
        }
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") && !path.endsWith("://") ? path.substring(0, path.length() - 1) : path;
    }
}
