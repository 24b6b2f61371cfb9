package dev.imgcls.train.command;

import dev.imgcls.export.savedmodel.ExportedModel;
import dev.imgcls.io.FileSystems;
import dev.imgcls.io.IoErrorText;
import dev.imgcls.train.cli.CommandLine;
import dev.imgcls.train.cli.FlagSpec;
import dev.imgcls.train.cli.FlagValues;
import dev.imgcls.train.predict.ImagePredictor;
import dev.imgcls.train.report.ClassNames;
import dev.imgcls.train.report.DatasetEvaluation;
import dev.imgcls.train.report.EvaluationReport;
import dev.imgcls.train.report.EvaluationTally;
import dev.imgcls.train.report.ReportFiles;
import dev.imgcls.train.report.ReportTable;
import dev.imgcls.train.report.TrainingReports;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code imgcls evaluate --model_dir=DIR --data=GLOB}: an exported model of ours over every record of
 * TFRecord files, with the serving preprocessing; prints top-1, top-5, macro F1 and the worst classes
 * and writes the evaluation report's files (as training writes them after each evaluation) into
 * {@code --output_dir}, by default {@code eval/evaluate/} beside the model folder (for a job's
 * {@code <job-dir>/model}: {@code <job-dir>/eval/evaluate/}, next to the training reports), never
 * inside the SavedModel.
 */
final class EvaluateCommand implements Command {
    static final FlagSpec MODEL_DIR = FlagSpec.value("model_dir", "DIR");
    static final FlagSpec DATA = FlagSpec.value("data", "GLOB");
    static final FlagSpec LABELS = FlagSpec.value("labels", "FILE");
    static final FlagSpec OUTPUT_DIR = FlagSpec.value("output_dir", "DIR");
    static final FlagSpec BATCH_SIZE = FlagSpec.value("batch_size", "N");
    static final FlagSpec LABEL_BASE = FlagSpec.value("label_base", "0|1");
    static final int DEFAULT_BATCH_SIZE = 32;
    private static final String USAGE = """
            usage: imgcls evaluate --model_dir=DIR --data=GLOB [--labels=labels.txt] [--output_dir=DIR] [--batch_size=N] [--label_base=0|1]

            Evaluates a SavedModel exported by imgcls on every record of TFRecord files (local or gs://) and writes
            report.json, per_class.csv, confusion_matrix.csv, confusion_matrix.png and worst.html.

              --model_dir=DIR     the SavedModel folder (a job's <job-dir>/model)
              --data=GLOB         TFRecords of image tf.Examples, e.g. data/validation-*
              --labels=FILE       class names, one per line in label order (default: labels.txt beside the data, if it fits)
              --output_dir=DIR    where the report goes (default: eval/evaluate/ beside DIR's folder, e.g. <job-dir>/eval/evaluate)
              --batch_size=N      images per forward pass (default 32)
              --label_base=0|1    the smallest label in the data: 1 for data numbered from 1 (default 0)
            """;

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String summary() {
        return "evaluate an exported model on TFRecords: per-class report, confusion matrix, worst mistakes";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = CommandLine.read(args, List.of(MODEL_DIR, DATA, LABELS, OUTPUT_DIR, BATCH_SIZE, LABEL_BASE), false);
        if (line.helpRequested()) {
            out.print(USAGE);
            return 0;
        }
        FlagValues v = new FlagValues(line);
        String modelDir = v.required(MODEL_DIR);
        String data = v.required(DATA);
        String labels = v.text(LABELS.name(), null);
        int batchSize = v.integerAtLeast(BATCH_SIZE.name(), DEFAULT_BATCH_SIZE, 1);
        int labelBase = v.integer(LABEL_BASE.name(), 0);
        if (labelBase != 0 && labelBase != 1) {
            v.problem("--label_base must be 0 (labels 0..N-1) or 1 (labels 1..N), got " + labelBase);
        }
        String outputDir = v.text(OUTPUT_DIR.name(), null);
        if (!Arguments.usable(v, err)) {
            return Arguments.USAGE;
        }
        if (outputDir == null) {
            outputDir = defaultOutputDir(Path.of(modelDir)).toString();
        }
        if (insideModel(Path.of(modelDir), outputDir)) {
            err.println("error: --output_dir=" + outputDir + " is inside the SavedModel " + modelDir
                    + "; a SavedModel must hold only the model: pick a folder outside it");
            return Arguments.USAGE;
        }
        try {
            return evaluate(modelDir, data, labels, outputDir, batchSize, labelBase, out, err);
        } catch (IOException e) {
            err.println("error: " + IoErrorText.describe(e));
            return 1;
        }
    }

    private static int evaluate(String modelDir, String data, String labels, String outputDir, int batchSize, int labelBase, PrintStream out,
                                PrintStream err) throws IOException {
        ExportedModel exported;
        try {
            exported = ExportedModel.load(Path.of(modelDir));
        } catch (RuntimeException e) {
            err.println("error: cannot load the model in " + modelDir + ": " + e.getMessage());
            return 1;
        }
        int classes = exported.info().numClasses();
        ClassNames names;
        if (labels != null) {
            try {
                names = ClassNames.of(ClassNames.read(labels), classes, labels);
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return Arguments.USAGE;
            }
        } else {
            names = TrainingReports.namesBesideData(data, classes, FileSystems.defaults(), out, "evaluate");
        }
        DatasetEvaluation evaluation = new DatasetEvaluation(ImagePredictor.of(exported), batchSize, labelBase);
        long t0 = System.nanoTime();
        EvaluationTally tally = evaluation.run(data, TrainingReports.WORST_KEPT, FileSystems.defaults());
        long images = tally.confusion().total();
        out.printf("evaluate: %s (%d classes, image_size %d) from %s on %d images of %d file%s matching %s (%.1f s)%n",
                exported.info().modelType(), classes, exported.info().imageSize(), modelDir, images, evaluation.files(),
                evaluation.files() == 1 ? "" : "s", data, (System.nanoTime() - t0) / 1e9);
        String skipped = evaluation.skippedSummary();
        if (skipped != null) {
            out.println("evaluate: " + skipped);
        }
        if (images == 0) {
            err.println("error: no image of " + data + " could be evaluated");
            return 1;
        }
        EvaluationReport report = EvaluationReport.of(OptionalLong.empty(), exported.info().modelType() + " in " + modelDir + " on " + data,
                names, tally, (double) tally.confusion().correct() / images, (double) tally.topKHits() / images);
        out.print(ReportTable.render(report));
        ReportFiles.render(report).writeTo(outputDir, FileSystems.defaults());
        out.println("evaluate: report in " + outputDir + " (report.json, per_class.csv, confusion_matrix.csv, confusion_matrix.png, worst.html)");
        return 0;
    }

    /** {@code eval/evaluate} in the folder that holds the model folder. */
    static Path defaultOutputDir(Path modelDir) {
        Path parent = modelDir.toAbsolutePath().normalize().getParent();
        return (parent == null ? Path.of("") : parent).resolve("eval").resolve("evaluate");
    }

    /** Whether a local {@code output} lies in the model folder (or the folder its link points to). */
    static boolean insideModel(Path modelDir, String output) {
        if (output.startsWith("gs://")) {
            return false;
        }
        Path out = Path.of(output).toAbsolutePath().normalize();
        Path model = modelDir.toAbsolutePath().normalize();
        if (out.startsWith(model)) {
            return true;
        }
        try {
            return Files.exists(model) && out.startsWith(model.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }
}
