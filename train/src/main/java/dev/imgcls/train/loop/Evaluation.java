package dev.imgcls.train.loop;

import dev.imgcls.io.IoErrorText;
import dev.imgcls.nn.Model;
import dev.imgcls.nn.optim.WeightAverage;
import dev.imgcls.train.events.TrainingEvents;
import dev.imgcls.train.metrics.HyperparameterMetricReporter;
import dev.imgcls.train.metrics.MetricsSnapshot;
import dev.imgcls.train.report.EvaluationTally;
import dev.imgcls.train.report.TrainingReports;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/**
 * Everything that follows an evaluation: the eval/ TensorBoard scalars, the per-class report,
 * the tuning metric line, a progress line and the best-model export. With a moving average of the weights, the
 * evaluation and the export see the averages (as the reference's EfficientNet evaluates and
 * exports them); training goes on with the raw weights.
 */
final class Evaluation {
    private final Evaluator evaluator;
    private final TrainingEvents events;
    private final Optional<HyperparameterMetricReporter> tuning;
    private boolean tuningFailed;
    private final BestModelExport bestModel;
    private final Model model;
    private final WeightAverage average;
    private final PrintStream out;
    private final TrainingReports reports;

    Evaluation(Evaluator evaluator, TrainingEvents events, Optional<HyperparameterMetricReporter> tuning, BestModelExport bestModel, Model model,
               WeightAverage average, PrintStream out, TrainingReports reports) {
        this.reports = reports;
        this.evaluator = evaluator;
        this.events = events;
        this.tuning = tuning;
        this.bestModel = bestModel;
        this.model = model;
        this.average = average;
        this.out = out;
    }

    TrainingEvents events() {
        return events;
    }

    MetricsSnapshot run(long step) throws IOException {
        try (WeightAverage.Swap averaged = average.swapIn()) {
            return evaluateAndExport(step);
        }
    }

    private MetricsSnapshot evaluateAndExport(long step) throws IOException {
        long t0 = System.nanoTime();
        EvaluationTally tally = reports.newTally();
        MetricsSnapshot metrics = evaluator.evaluate(model, step, tally);
        out.printf("eval at step %d: top-1 %.4f  top-5 %.4f  loss %.4f  (%.1f s)%n", step, metrics.get(TrainingEvents.TOP_1_ACCURACY),
                metrics.get(TrainingEvents.TOP_5_ACCURACY), metrics.get(TrainingEvents.LOSS), (System.nanoTime() - t0) / 1e9);
        String skipped = evaluator.skippedSummary();
        if (skipped != null) {
            out.println("eval: " + skipped);
        }
        events.eval().scalars(step, metrics.values());
        reports.publish(step, metrics.get(TrainingEvents.TOP_1_ACCURACY), metrics.get(TrainingEvents.TOP_5_ACCURACY), tally, events.eval());
        reportToTuning(metrics.get(TrainingEvents.TOP_1_ACCURACY), step);
        bestModel.offer(metrics, model);
        return metrics;
    }

    /** A metric file that cannot be written costs the tuning service a report, never the job: warned once. */
    private void reportToTuning(double top1, long step) {
        if (tuning.isEmpty()) {
            return;
        }
        try {
            tuning.get().report(top1, step);
            if (tuningFailed) {
                out.println("the tuning metric file " + tuning.get().file() + " is writable again; reporting to it");
                tuningFailed = false;
            }
        } catch (IOException e) {
            if (!tuningFailed) {
                out.println("warning: cannot write the tuning metric file " + tuning.get().file() + " (" + IoErrorText.describe(e)
                        + "); training goes on without reporting top-1 to it");
                tuningFailed = true;
            }
        }
    }
}
