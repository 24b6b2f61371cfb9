package dev.imgcls.export.inspect;

import dev.imgcls.export.checkpoint.BundleReader;
import dev.imgcls.export.checkpoint.CheckpointPaths;
import dev.imgcls.export.checkpoint.VariableInfo;
import dev.imgcls.export.proto.DataType;
import dev.imgcls.io.FileSystems;
import dev.imgcls.io.IoErrorText;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * Lists a checkpoint's variables the way TensorFlow's {@code inspect_checkpoint} does, one per
 * line in name order ({@code conv2d/kernel (DT_FLOAT) [7,7,3,64]}), then the totals. Reads only
 * the index, so it is quick even for large checkpoints on GCS.
 *
 * <pre>
 * inspect gs://bucket/job/checkpoints                   (the directory's latest checkpoint)
 * inspect /job/checkpoints/model.ckpt-1000              (a prefix)
 * inspect /job/checkpoints/model.ckpt-1000.index        (one of its files)
 * </pre>
 */
public final class InspectCheckpoint {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private InspectCheckpoint() {}

    public static void main(String[] args) {
        int status = run(args, System.out, System.err, FileSystems.defaults());
        if (status != OK) {
            System.exit(status);
        }
    }

    /** Runs the command; returns the process exit status (0 ok, 1 no readable checkpoint, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err, FileSystems fileSystems) {
        if (args.length != 1 || args[0].isEmpty() || args[0].startsWith("-")) {
            err.println("usage: inspect <checkpoint>");
            err.println("  <checkpoint>: a checkpoint prefix (dir/model.ckpt-1000), one of its files (.index, .data-*),");
            err.println("  or a directory of checkpoints (its latest); local paths or gs://");
            return USAGE;
        }
        try {
            print(fileSystems, args[0], out);
            return OK;
        } catch (IOException e) {
            err.println("inspect: " + IoErrorText.describe(e));
            return FAILED;
        }
    }

    /** Finds the checkpoint {@code path} stands for and lists it. */
    static void print(FileSystems fileSystems, String path, PrintStream out) throws IOException {
        String prefix = CheckpointPaths.resolve(fileSystems, path);
        print(BundleReader.open(fileSystems, prefix), out);
    }

    static void print(BundleReader reader, PrintStream out) {
        List<VariableInfo> variables = reader.variables();
        out.println("checkpoint " + reader.prefix());
        long parameters = 0;
        int partitioned = 0;
        for (VariableInfo v : variables) {
            String note = "";
            if (v.isPartitioned()) {
                partitioned++;
                note = "  (partitioned: " + v.sliceCount() + (v.sliceCount() == 1 ? " slice)" : " slices)");
            }
            out.println(v + note);
            if (v.dtype() != DataType.DT_STRING) {
                parameters += v.numElements();
            }
        }
        out.println(variables.size() + (variables.size() == 1 ? " variable, " : " variables, ") + parameters
                + " parameters (elements of numeric variables)" + (partitioned > 0 ? ", " + partitioned + " partitioned" : ""));
    }
}
