package dev.imgcls.train.report;

import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * {@code worst.html}: one self-contained page (no scripts, no links out) showing the most confident
 * mistakes of an evaluation, each as its picture (embedded as a base64 data URI, as the model saw
 * it after preprocessing), the actual and the predicted class with their probabilities, and where
 * the image came from. Every text from the data is HTML-escaped.
 */
public final class WorstExamplesPage {
    /** On screen, small pictures are scaled up to this width, sharp-edged. */
    private static final int SHOWN_WIDTH = 128;

    private WorstExamplesPage() {
    }

    public static String render(EvaluationReport report) {
        List<WorstExample> worst = report.worst();
        StringBuilder sb = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                """);
        String heading = "Most confident mistakes, " + report.stepText();
        sb.append("<title>").append(escape(heading)).append("</title>\n");
        sb.append("""
                <style>
                body { font-family: sans-serif; margin: 1.5em; color: #222; }
                .grid { display: flex; flex-wrap: wrap; gap: 12px; }
                figure { margin: 0; padding: 8px; border: 1px solid #ccc; border-radius: 4px; width: 160px; }
                img { width: %dpx; image-rendering: pixelated; display: block; margin: 0 auto 6px; }
                figcaption { font-size: 13px; line-height: 1.35; overflow-wrap: anywhere; }
                .predicted { color: #b00; }
                .source { color: #777; font-size: 11px; }
                </style>
                </head>
                <body>
                """.formatted(SHOWN_WIDTH));
        sb.append("<h1>").append(escape(heading)).append("</h1>\n");
        sb.append("<p>").append(escape(report.source())).append(": ").append(report.confusion().total()).append(" images, ")
                .append(report.confusion().total() - report.confusion().correct()).append(" mistakes; the ").append(worst.size())
                .append(" predicted with the highest probability are shown, highest first.</p>\n");
        sb.append("<div class=\"grid\">\n");
        ClassNames names = report.names();
        for (WorstExample e : worst) {
            Thumbnail t = e.thumbnail();
            sb.append("<figure><img alt=\"").append(escape(names.name(e.actual()))).append("\" src=\"data:").append(t.mimeType())
                    .append(";base64,").append(Base64.getEncoder().encodeToString(t.bytes())).append("\">\n<figcaption>")
                    .append("actual: <b>").append(escape(names.name(e.actual()))).append("</b> (").append(percent(e.actualProbability()))
                    .append(")<br>\n<span class=\"predicted\">predicted: <b>").append(escape(names.name(e.predicted()))).append("</b> (")
                    .append(percent(e.confidence())).append(")</span>");
            if (!e.source().isEmpty()) {
                sb.append("<br>\n<span class=\"source\">").append(escape(e.source())).append("</span>");
            }
            sb.append("</figcaption></figure>\n");
        }
        sb.append("</div>\n");
        if (worst.isEmpty()) {
            sb.append("<p>No mistakes to show.</p>\n");
        }
        return sb.append("</body>\n</html>\n").toString();
    }

    /** Text made safe inside HTML elements and quoted attributes. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * p);
    }
}
