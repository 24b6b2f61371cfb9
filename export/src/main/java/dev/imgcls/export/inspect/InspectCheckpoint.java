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

    private InspectCheckpoint() {}

    /** Lists the checkpoint {@code path} stands for; returns the exit status (0 ok, 1 no readable checkpoint). */
    public static int run(String path, PrintStream out, PrintStream err, FileSystems fileSystems) {
        try {
            print(fileSystems, path, out);
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
