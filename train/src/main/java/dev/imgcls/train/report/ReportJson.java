package dev.imgcls.train.report;

import dev.imgcls.train.metrics.JsonText;

import java.util.List;

/**
 * {@code report.json}: the evaluation's totals, macro and weighted averages, every class's scores
 * and the most confused pairs. The full matrix is in {@code confusion_matrix.csv} (with 1000
 * classes it would be a million numbers here).
 * <pre>
 * {
 *   "global_step": 120, "source": "...", "images": 96, "top_1_accuracy": 0.8125, "top_5_accuracy": 1.0,
 *   "macro_avg": {"precision": ..., "recall": ..., "f1": ...}, "weighted_avg": {...},
 *   "per_class": [{"id": 0, "name": "circle", "precision": ..., "recall": ..., "f1": ..., "support": 32, "predicted": 30}, ...],
 *   "most_confused": [{"actual": 2, "actual_name": "...", "predicted": 1, "predicted_name": "...", "count": 5}, ...]
 * }
 * </pre>
 */
public final class ReportJson {
    private ReportJson() {
    }

    public static String render(EvaluationReport report) {
        List<ClassMetrics> perClass = report.perClass();
        ClassNames names = report.names();
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"global_step\": ").append(report.globalStep().isPresent() ? Long.toString(report.globalStep().getAsLong()) : "null")
                .append(",\n");
        sb.append("  \"source\": ").append(JsonText.quote(report.source())).append(",\n");
        sb.append("  \"images\": ").append(report.confusion().total()).append(",\n");
        sb.append("  \"top_1_accuracy\": ").append(JsonText.number(report.top1())).append(",\n");
        sb.append("  \"top_5_accuracy\": ").append(JsonText.number(report.top5())).append(",\n");
        sb.append("  \"macro_avg\": ").append(averages(MetricAverages.macro(perClass))).append(",\n");
        sb.append("  \"weighted_avg\": ").append(averages(MetricAverages.weighted(perClass))).append(",\n");
        sb.append("  \"per_class\": [");
        for (int i = 0; i < perClass.size(); i++) {
            ClassMetrics c = perClass.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"id\": ").append(c.classId())
                    .append(", \"name\": ").append(JsonText.quote(names.name(c.classId())))
                    .append(", \"precision\": ").append(JsonText.number(c.precision()))
                    .append(", \"recall\": ").append(JsonText.number(c.recall()))
                    .append(", \"f1\": ").append(JsonText.number(c.f1()))
                    .append(", \"support\": ").append(c.support())
                    .append(", \"predicted\": ").append(c.predicted()).append('}');
        }
        sb.append("\n  ],\n  \"most_confused\": [");
        List<ConfusionMatrix.Confusion> confused = report.mostConfused();
        for (int i = 0; i < confused.size(); i++) {
            ConfusionMatrix.Confusion c = confused.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"actual\": ").append(c.actual())
                    .append(", \"actual_name\": ").append(JsonText.quote(names.name(c.actual())))
                    .append(", \"predicted\": ").append(c.predicted())
                    .append(", \"predicted_name\": ").append(JsonText.quote(names.name(c.predicted())))
                    .append(", \"count\": ").append(c.count()).append('}');
        }
        return sb.append(confused.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    private static String averages(MetricAverages a) {
        return "{\"precision\": " + JsonText.number(a.precision()) + ", \"recall\": " + JsonText.number(a.recall()) + ", \"f1\": "
                + JsonText.number(a.f1()) + "}";
    }
}
