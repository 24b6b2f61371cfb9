package dev.imgcls.tune.run;

import dev.imgcls.tune.study.MetricPoint;
import dev.imgcls.tune.study.Study;
import dev.imgcls.tune.study.Trial;
import dev.imgcls.tune.study.TrialState;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The console view of a study: one row per finished trial, and the best trial at the end. */
public final class TrialTable {
    private final PrintStream out;
    private final Path jobDir;

    public TrialTable(PrintStream out, Path jobDir) {
        this.out = out;
        this.jobDir = jobDir;
    }

    public void header(Study study) {
        out.printf(Locale.ROOT, "%5s  %-9s  %14s  %10s  %-18s  %s%n", "trial", "state",
                study.spec().metricTag(), "at step", "best so far", "parameters");
    }

    /** The row of a trial that just finished, with the study's best at that moment. */
    public void row(Trial t, Study study) {
        Optional<MetricPoint> m = t.finalMetric(study.spec().goal());
        String value = m.map(p -> format(p.value())).orElse("-");
        String step = m.map(p -> Long.toString(p.step())).orElse("-");
        String best = study.best().map(b -> format(b.finalMetric(study.spec().goal()).orElseThrow().value())
                + " (trial " + b.id() + ")").orElse("-");
        out.printf(Locale.ROOT, "%5d  %-9s  %14s  %10s  %-18s  %s%n", t.id(), t.state(), value, step, best,
                t.assignment());
        if (t.state() == TrialState.FAILED) {
            t.error().ifPresent(e -> out.println("       " + e.replace("\n", "\n       ")));
        }
    }

    public void summary(Study study, String outcome) {
        out.printf(Locale.ROOT, "%s: %d trials (%d succeeded, %d stopped early, %d failed)%n", outcome,
                study.trials().size(), study.count(TrialState.SUCCEEDED), study.count(TrialState.STOPPED),
                study.count(TrialState.FAILED));
        Optional<Trial> best = study.best();
        if (best.isEmpty()) {
            out.println("No trial reported " + study.spec().metricTag() + ".");
            return;
        }
        Trial b = best.get();
        MetricPoint m = b.finalMetric(study.spec().goal()).orElseThrow();
        out.printf(Locale.ROOT, "Best trial %d: %s = %s at step %d%n", b.id(), study.spec().metricTag(),
                format(m.value()), m.step());
        out.println("  parameters: " + String.join(" ", b.assignment().toArguments()));
        out.println("  model: " + modelDir(b.id()));
    }

    /** Where the trainer of a trial keeps its best model. */
    public Path modelDir(int trialId) {
        return jobDir.resolve(Integer.toString(trialId)).resolve("model");
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
