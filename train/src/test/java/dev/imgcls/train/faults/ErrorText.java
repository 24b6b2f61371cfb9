package dev.imgcls.train.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The user-facing error of a failed run: one line on stderr, in the trainer's words, with no raw
 * exception texts (class names, {@code java.*} types, stack frames) on either stream.
 */
final class ErrorText {
    /** What a raw exception leaks into output. */
    static final List<Pattern> RAW = List.of(Pattern.compile("Exception"), Pattern.compile("\\bjava\\.[a-z]"),
            Pattern.compile("at dev\\.imgcls"), Pattern.compile("^\\s+at [a-z]", Pattern.MULTILINE),
            Pattern.compile("[Cc]aused by:"));
    /** The JVM's own notice for the Vector API module, not the trainer's. */
    private static final String JVM_NOTICE = "WARNING: Using incubator modules";
    /** java.util.logging's INFO records (a date-and-source line, then "INFO: ..."): progress notes, not the error. */
    private static final Pattern LOG_SOURCE = Pattern.compile("^[A-Z][a-z]{2} \\d{1,2}, \\d{4} \\d{1,2}:\\d{2}:\\d{2} [AP]M \\S+ \\S+$");

    private ErrorText() {
    }

    /** The error lines: stderr without the JVM's notice, INFO log records and blank lines. */
    static List<String> lines(RunResult run) {
        List<String> all = run.err().lines().toList();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String line = all.get(i);
            if (LOG_SOURCE.matcher(line).matches() && i + 1 < all.size() && all.get(i + 1).startsWith("INFO: ")) {
                i++;
            } else if (!line.isBlank() && !line.startsWith(JVM_NOTICE)) {
                out.add(line);
            }
        }
        return out;
    }

    /** All error lines as one text, for checking what they name. */
    static String full(RunResult run) {
        return String.join(" | ", lines(run));
    }

    /** Problems with a failed run's error text; empty when it is one clean line. */
    static List<String> problems(RunResult run) {
        List<String> out = new ArrayList<>();
        List<String> lines = lines(run);
        if (lines.size() != 1) {
            out.add("stderr has " + lines.size() + " lines, one expected: " + lines);
        }
        for (Pattern p : RAW) {
            for (String stream : List.of(run.err(), run.out())) {
                var m = p.matcher(stream);
                if (m.find()) {
                    out.add("raw exception text '" + p.pattern() + "' in: " + lineAround(stream, m.start()));
                    break;
                }
            }
        }
        return out;
    }

    /** The one error line, or everything when there is not exactly one (for the table). */
    static String shortError(RunResult run) {
        String text = full(run);
        return text.length() > 140 ? text.substring(0, 137) + "..." : text;
    }

    private static String lineAround(String text, int at) {
        int start = text.lastIndexOf('\n', at) + 1;
        int end = text.indexOf('\n', at);
        return text.substring(start, end < 0 ? text.length() : end).strip();
    }
}
