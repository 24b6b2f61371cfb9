package dev.imgcls.train.report;

import java.util.Locale;

/**
 * The report's tables as CSV (RFC 4180: a field with a comma, quote or line break is quoted, quotes
 * doubled): {@code per_class.csv}, one row per class, and {@code confusion_matrix.csv}, rows the
 * actual class and columns the predicted one, each headed by the class name.
 */
public final class ReportCsv {
    private ReportCsv() {
    }

    /** {@code class_id,class_name,precision,recall,f1,support,predicted}; ratios with 6 decimals. */
    public static String perClass(EvaluationReport report) {
        StringBuilder sb = new StringBuilder("class_id,class_name,precision,recall,f1,support,predicted\n");
        for (ClassMetrics c : report.perClass()) {
            sb.append(c.classId()).append(',').append(field(report.names().name(c.classId()))).append(',')
                    .append(ratio(c.precision())).append(',').append(ratio(c.recall())).append(',').append(ratio(c.f1())).append(',')
                    .append(c.support()).append(',').append(c.predicted()).append('\n');
        }
        return sb.toString();
    }

    /** A header row {@code actual \ predicted,name0,name1,…}, then one row per actual class: its name and its counts. */
    public static String confusionMatrix(EvaluationReport report) {
        ConfusionMatrix m = report.confusion();
        ClassNames names = report.names();
        StringBuilder sb = new StringBuilder(field("actual \\ predicted"));
        for (int p = 0; p < m.classes(); p++) {
            sb.append(',').append(field(names.name(p)));
        }
        sb.append('\n');
        for (int a = 0; a < m.classes(); a++) {
            sb.append(field(names.name(a)));
            for (int p = 0; p < m.classes(); p++) {
                sb.append(',').append(m.count(a, p));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String ratio(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
