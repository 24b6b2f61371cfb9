package dev.imgcls.train.report;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report's TensorBoard scalars: {@code per_class_precision/NAME}, {@code per_class_recall/NAME}
 * and {@code per_class_f1/NAME} for every class that has images in the evaluation (three groups in
 * TensorBoard), and {@code macro_avg/precision}, {@code macro_avg/recall}, {@code macro_avg/f1}.
 * NAME is the class name with characters other than letters, digits, {@code _ . -} made {@code _}
 * (TensorFlow's rule for summary names), or the class id without names; a name that two classes
 * would share gets {@code _ID} appended.
 */
public final class PerClassScalars {
    private PerClassScalars() {
    }

    public static Map<String, Double> of(EvaluationReport report) {
        List<ClassMetrics> perClass = report.perClass();
        Map<String, Double> scalars = new LinkedHashMap<>();
        MetricAverages macro = MetricAverages.macro(perClass);
        scalars.put("macro_avg/precision", macro.precision());
        scalars.put("macro_avg/recall", macro.recall());
        scalars.put("macro_avg/f1", macro.f1());
        Set<String> used = new HashSet<>();
        Map<Integer, String> tagNames = new LinkedHashMap<>();
        for (ClassMetrics c : perClass) {
            if (c.support() > 0) {
                String name = tagName(report.names().name(c.classId()));
                tagNames.put(c.classId(), used.add(name) ? name : name + "_" + c.classId());
            }
        }
        for (String metric : List.of("precision", "recall", "f1")) {
            for (Map.Entry<Integer, String> e : tagNames.entrySet()) {
                ClassMetrics c = perClass.get(e.getKey());
                double v = switch (metric) {
                    case "precision" -> c.precision();
                    case "recall" -> c.recall();
                    default -> c.f1();
                };
                scalars.put("per_class_" + metric + "/" + e.getValue(), v);
            }
        }
        return scalars;
    }

    static String tagName(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
            sb.append(ok ? c : '_');
        }
        return sb.isEmpty() ? "_" : sb.toString();
    }
}
