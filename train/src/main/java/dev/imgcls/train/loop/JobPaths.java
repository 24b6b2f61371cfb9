package dev.imgcls.train.loop;

import dev.imgcls.io.FileSystems;

/**
 * Where a training job writes inside {@code --job-dir} (local or {@code gs://}), as the reference
 * lays it out: {@code checkpoints/} (the Estimator's model directory: checkpoints and the
 * TensorBoard event files, evaluation events in {@code checkpoints/eval/}), {@code model/} (the
 * best SavedModel) and {@code final_metrics.json}; beside them, {@code eval/} holds the per-class
 * evaluation reports ({@code eval/step-<N>/}, {@code eval/latest/}).
 */
public record JobPaths(String jobDir) {
    public static final String CHECKPOINTS = "checkpoints";
    public static final String MODEL = "model";
    public static final String EVAL_REPORTS = "eval";

    public String checkpoints() {
        return FileSystems.join(jobDir, CHECKPOINTS);
    }

    /** The TensorBoard log directory: the checkpoint directory, as for a TF1 Estimator. */
    public String events() {
        return checkpoints();
    }

    public String model() {
        return FileSystems.join(jobDir, MODEL);
    }

    /** The chief's evaluation reports ({@link dev.imgcls.train.report.ReportFolders}). */
    public String evalReports() {
        return FileSystems.join(jobDir, EVAL_REPORTS);
    }

    public String finalMetrics() {
        return FileSystems.join(jobDir, dev.imgcls.train.metrics.FinalMetricsWriter.FILE_NAME);
    }
}
