package dev.imgcls.train.command;

import dev.imgcls.data.inspect.InspectTfRecord;
import dev.imgcls.export.inspect.FileView;
import dev.imgcls.export.inspect.Inspect;
import dev.imgcls.io.FileSystem;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code imgcls inspect PATH}: a SavedModel directory → its tag sets and signatures (as
 * {@code saved_model_cli show --all}) and our export info; anything else → a checkpoint's
 * variables (as {@code inspect_checkpoint}), local or {@code gs://}; a TFRecord data file passed by
 * mistake → data's summary of it.
 */
final class InspectCommand implements Command {
    /** Data's TFRecord summary, offered to export's Inspect (which does not depend on data). */
    private static final FileView TF_RECORD = new FileView() {
        @Override
        public boolean recognises(FileSystem fs, String path) {
            return InspectTfRecord.isTfRecord(fs, path);
        }

        @Override
        public void print(FileSystem fs, String path, PrintStream out) throws IOException {
            InspectTfRecord.print(fs, path, out);
        }
    };

    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String summary() {
        return "show a SavedModel's signatures, or list the variables of a checkpoint";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        return Inspect.run(args, out, err, List.of(TF_RECORD));
    }
}
