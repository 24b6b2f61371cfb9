package dev.imgcls.train.command;

import dev.imgcls.data.inspect.InspectTfRecord;
import dev.imgcls.export.inspect.FileView;
import dev.imgcls.export.inspect.Inspect;
import dev.imgcls.export.savedmodel.SavedModelExporter;
import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;
import dev.imgcls.train.cli.CommandLine;
import dev.imgcls.train.cli.FlagValues;
import dev.imgcls.train.provenance.ProvenanceRecorder;
import dev.imgcls.train.provenance.ProvenanceSummary;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code imgcls inspect PATH}: a SavedModel directory → its tag sets and signatures (as
 * {@code saved_model_cli show --all}) and our export info; anything else → a checkpoint's
 * variables (as {@code inspect_checkpoint}), local or {@code gs://}; a TFRecord data file passed by
 * mistake → data's summary of it. Either is followed by the job's provenance when there is one: the
 * model's {@code assets.extra/provenance.json}, or the {@code provenance.json} of the checkpoint
 * directory.
 */
final class InspectCommand implements Command {
    static final String USAGE = "usage: imgcls inspect <path>\n  " + Inspect.PATHS + "\n";

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
        return "show a SavedModel's signatures, or list the variables of a checkpoint, and how it was made";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = CommandLine.read(args, List.of(), true);
        if (line.helpRequested()) {
            out.print(USAGE);
            return 0;
        }
        FlagValues v = new FlagValues(line);
        if (line.positionals().size() != 1 || line.positionals().get(0).isEmpty()) {
            v.problem("inspect takes one path (a SavedModel, a checkpoint or a folder of checkpoints), got "
                    + line.positionals().size() + "; see imgcls inspect --help");
        }
        if (!Arguments.usable(v, err)) {
            return Arguments.USAGE;
        }
        String path = line.positionals().get(0);
        int status = Inspect.run(path, out, err, List.of(TF_RECORD));
        if (status == 0) {
            printProvenance(path, out, err);
        }
        return status;
    }

    /** The first provenance file that belongs to {@code path}: in the model, in the checkpoint directory, or beside the checkpoint. */
    private static void printProvenance(String path, PrintStream out, PrintStream err) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String pb = "/" + SavedModelExporter.SAVED_MODEL_FILE;
        p = p.endsWith(pb) ? p.substring(0, p.length() - pb.length()) : p;
        int slash = p.lastIndexOf('/');
        String parent = slash > 0 ? p.substring(0, slash) : ".";
        for (String candidate : List.of(FileSystems.join(p, "assets.extra/" + ProvenanceRecorder.FILE),
                FileSystems.join(p, ProvenanceRecorder.FILE), FileSystems.join(parent, ProvenanceRecorder.FILE))) {
            try {
                FileSystem fs = FileSystems.forPath(candidate);
                if (fs.exists(candidate)) {
                    try (InputStream in = fs.openRead(candidate)) {
                        out.print(ProvenanceSummary.of(candidate, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                    return;
                }
            } catch (IOException | RuntimeException e) {
                err.println("inspect: could not read the provenance " + candidate + ": " + e.getMessage());
                return;
            }
        }
    }
}
