package dev.imgcls.train.report;

import dev.imgcls.io.AtomicOutputStream;
import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The five files of a report, rendered once and written into folders (local or {@code gs://}),
 * each replaced atomically, so a reader sees a whole old or a whole new file.
 */
public final class ReportFiles {
    public static final String REPORT_JSON = "report.json";
    public static final String PER_CLASS_CSV = "per_class.csv";
    public static final String CONFUSION_MATRIX_CSV = "confusion_matrix.csv";
    public static final String CONFUSION_MATRIX_PNG = "confusion_matrix.png";
    public static final String WORST_HTML = "worst.html";

    private final Map<String, byte[]> files;

    private ReportFiles(Map<String, byte[]> files) {
        this.files = files;
    }

    public static ReportFiles render(EvaluationReport report) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(REPORT_JSON, utf8(ReportJson.render(report)));
        files.put(PER_CLASS_CSV, utf8(ReportCsv.perClass(report)));
        files.put(CONFUSION_MATRIX_CSV, utf8(ReportCsv.confusionMatrix(report)));
        files.put(CONFUSION_MATRIX_PNG, ConfusionMatrixPicture.of(report).png());
        files.put(WORST_HTML, utf8(WorstExamplesPage.render(report)));
        return new ReportFiles(files);
    }

    /** Writes every file into {@code directory}, creating it if needed. */
    public void writeTo(String directory, FileSystems fileSystems) throws IOException {
        FileSystem fs = fileSystems.resolve(directory);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            try (AtomicOutputStream out = fs.create(FileSystems.join(directory, f.getKey()))) {
                out.write(f.getValue());
                out.commit();
            }
        }
    }

    /** The rendered bytes of one file, by name. */
    public byte[] bytes(String name) {
        return files.get(name).clone();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
