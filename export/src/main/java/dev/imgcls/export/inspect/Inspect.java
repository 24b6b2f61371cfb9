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

    private Inspect() {}

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != InspectCheckpoint.OK) {
            System.exit(status);
        }
    }

    /** Runs the command with local and gs:// paths; returns the exit status (0 ok, 1 nothing readable there, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, FileSystems.defaults(), List.of());
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, offering existing files to {@code views} first, in order. */
    public static int run(String[] args, PrintStream out, PrintStream err, List<FileView> views) {
        return run(args, out, err, FileSystems.defaults(), views);
    }

    public static int run(String[] args, PrintStream out, PrintStream err, FileSystems fileSystems, List<FileView> views) {
        if (args.length != 1 || args[0].isEmpty() || args[0].startsWith("-")) {
            err.println("usage: inspect <path>");
            err.println("  <path>: a SavedModel directory (holding " + SavedModelExporter.SAVED_MODEL_FILE + ") or that file;");
            err.println("  or a checkpoint prefix (dir/model.ckpt-1000), one of its files (.index, .data-*),");
            err.println("  or a directory of checkpoints (its latest); local paths or gs://");
            return InspectCheckpoint.USAGE;
        }
        String path = stripTrailingSlash(args[0]);
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
