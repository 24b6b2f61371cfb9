package dev.imgcls.train.report;

import dev.imgcls.io.FileSystems;
import dev.imgcls.io.IoErrorText;
import dev.imgcls.train.events.EventFileWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The report after each evaluation of a training job: its files in {@link ReportFolders}, its
 * per-class scalars in the evaluation's event file, and one line saying where it is. A report
 * that cannot be written costs a warning line, never the job.
 */
public final class TrainingReports {
    /** Mistakes shown in {@code worst.html}. */
    public static final int WORST_KEPT = 24;

    private final ReportFolders folders;
    private final ClassNames names;
    private final String source;
    private final PrintStream out;
    private final String prefix;

    /**
     * @param source what is evaluated, in words ("resnet-18 on /data/validation-*")
     * @param prefix how the job's lines start ("eval", "evaluator")
     */
    public TrainingReports(ReportFolders folders, ClassNames names, String source, PrintStream out, String prefix) {
        this.folders = folders;
        this.names = names;
        this.source = source;
        this.out = out;
        this.prefix = prefix;
    }

    /** A tally sized for these reports. */
    public EvaluationTally newTally() {
        return new EvaluationTally(names.size(), WORST_KEPT);
    }

    /**
     * Writes the report of the evaluation at {@code step} and its scalars.
     *
     * @throws IOException when the event file cannot be written (the report files only warn)
     */
    public EvaluationReport publish(long step, double top1, double top5, EvaluationTally tally, EventFileWriter events) throws IOException {
        EvaluationReport report = EvaluationReport.of(OptionalLong.of(step), source, names, tally, top1, top5);
        events.scalars(step, PerClassScalars.of(report));
        MetricAverages macro = MetricAverages.macro(report.perClass());
        try {
            String folder = folders.write(ReportFiles.render(report), step);
            out.printf(Locale.ROOT, "%s report: %s (macro F1 %.4f; per_class.csv, confusion_matrix.png, worst.html; newest in %s)%n", prefix,
                    folder, macro.f1(), folders.latest());
        } catch (IOException e) {
            out.println("warning: " + prefix + " report at step " + step + " not written (" + IoErrorText.describe(e)
                    + "); training goes on");
        }
        return report;
    }

    /**
     * The class names of a job: {@value ClassNames#LABELS_FILE} beside the validation TFRecords (where
     * {@code make-tfrecords} writes it) when it lists {@code classes} names; else the ids, with a line saying why.
     */
    public static ClassNames namesBesideData(String validationPattern, int classes, FileSystems fileSystems, PrintStream out, String prefix) {
        String path = ClassNames.besideData(validationPattern);
        if (path == null) {
            return ClassNames.ids(classes);
        }
        try {
            if (!fileSystems.resolve(path).exists(path)) {
                return ClassNames.ids(classes);
            }
            return ClassNames.of(ClassNames.read(path), classes, path);
        } catch (IOException e) {
            out.println(prefix + " report: class ids instead of names: " + IoErrorText.describe(e));
        } catch (IllegalArgumentException e) {
            out.println(prefix + " report: class ids instead of names: " + e.getMessage());
        }
        return ClassNames.ids(classes);
    }
}
