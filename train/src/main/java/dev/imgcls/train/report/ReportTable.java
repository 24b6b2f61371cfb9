package dev.imgcls.train.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The short text summary {@code imgcls evaluate} prints: totals, macro F1, the worst classes by F1 and the most confused pairs. */
public final class ReportTable {
    static final int WORST_CLASSES = 5;
    static final int CONFUSED_PAIRS = 5;

    private ReportTable() {
    }

    public static String render(EvaluationReport report) {
        List<ClassMetrics> perClass = report.perClass();
        ClassNames names = report.names();
        MetricAverages macro = MetricAverages.macro(perClass);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "images %d   top-1 %.4f   top-5 %.4f   macro F1 %.4f   (macro precision %.4f, recall %.4f)%n",
                report.confusion().total(), report.top1(), report.top5(), macro.f1(), macro.precision(), macro.recall()));
        List<ClassMetrics> worst = perClass.stream().filter(c -> c.support() > 0)
                .sorted(Comparator.comparingDouble(ClassMetrics::f1).thenComparingInt(ClassMetrics::classId)).limit(WORST_CLASSES).toList();
        int width = Math.max(5, worst.stream().mapToInt(c -> names.name(c.classId()).length()).max().orElse(5));
        sb.append(String.format(Locale.ROOT, "worst classes:%n  %-" + width + "s  %9s  %9s  %9s  %7s%n", "class", "precision", "recall", "f1",
                "support"));
        for (ClassMetrics c : worst) {
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s  %9.4f  %9.4f  %9.4f  %7d%n", names.name(c.classId()), c.precision(),
                    c.recall(), c.f1(), c.support()));
        }
        List<ConfusionMatrix.Confusion> confused = report.confusion().mostConfused(CONFUSED_PAIRS);
        if (!confused.isEmpty()) {
            sb.append("most confused (actual -> predicted: images):\n");
            for (ConfusionMatrix.Confusion c : confused) {
                sb.append("  ").append(names.name(c.actual())).append(" -> ").append(names.name(c.predicted())).append(": ")
                        .append(c.count()).append('\n');
            }
        }
        return sb.toString();
    }
}
