package dev.imgcls.train.command;

import dev.imgcls.data.fs.FileSystems;
import dev.imgcls.export.inspect.InspectCheckpoint;
import dev.imgcls.export.savedmodel.ExportedModel;
import dev.imgcls.export.savedmodel.ExportInfo;
import dev.imgcls.export.savedmodel.SavedModelExporter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code imgcls inspect PATH}: a SavedModel directory (ours) → its model type, classes, image
 * size and variables; anything else goes to the checkpoint inspector (a checkpoint prefix or a
 * directory with a {@code checkpoint} state file, local or {@code gs://}).
 */
final class InspectCommand implements Command {
    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String summary() {
        return "list the variables of a checkpoint, or describe an exported SavedModel directory";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && !args[0].startsWith("gs://") && !args[0].startsWith("-")
                && Files.isRegularFile(Path.of(args[0]).resolve(SavedModelExporter.SAVED_MODEL_FILE))) {
            return inspectSavedModel(Path.of(args[0]), out, err);
        }
        return InspectCheckpoint.run(args, out, err, FileSystems.defaults());
    }

    private static int inspectSavedModel(Path dir, PrintStream out, PrintStream err) {
        try {
            ExportedModel exported = ExportedModel.load(dir);
            ExportInfo info = exported.info();
            out.printf("SavedModel %s: %s, %d classes, image size %d (serving signature \"serving_default\")%n", dir, info.modelType(),
                    info.numClasses(), info.imageSize());
            out.print(exported.model().describeVariables());
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("error: cannot read SavedModel " + dir + ": " + e.getMessage());
            return 1;
        }
    }
}
