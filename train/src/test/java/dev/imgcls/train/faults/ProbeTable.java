package dev.imgcls.train.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The suite's one table: a row per probe with what was expected and what happened. The details
 * of failures (commands, output tails) go below the table in the report file, so the table
 * stays readable.
 */
final class ProbeTable {
    enum Verdict { PASS, FAIL, SKIP }

    record Row(String group, String probe, String expectation, String outcome, Verdict verdict) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> details = new ArrayList<>();

    synchronized void pass(String group, String probe, String expectation, String outcome) {
        rows.add(new Row(group, probe, expectation, outcome, Verdict.PASS));
    }

    synchronized void fail(String group, String probe, String expectation, String outcome, String detail) {
        rows.add(new Row(group, probe, expectation, outcome, Verdict.FAIL));
        details.add("[" + group + "] " + probe + ":\n" + detail.strip() + "\n");
    }

    /** A probe this machine cannot run (not root, no tmpfs, no second user), with the reason. */
    synchronized void skip(String group, String probe, String expectation, String reason) {
        rows.add(new Row(group, probe, expectation, reason, Verdict.SKIP));
    }

    /** Records {@code failures} as one row: a pass when there are none. */
    void record(String group, String probe, String expectation, String outcome, List<String> failures) {
        if (failures.isEmpty()) {
            pass(group, probe, expectation, outcome);
        } else {
            fail(group, probe, expectation, outcome, String.join("\n", failures));
        }
    }

    synchronized List<Row> failures(String group) {
        return rows.stream().filter(r -> r.group().equals(group) && r.verdict() == Verdict.FAIL).toList();
    }

    synchronized String format() {
        String[] head = {"group", "probe", "expectation", "outcome", "verdict"};
        int[] width = new int[head.length];
        List<String[]> cells = new ArrayList<>();
        cells.add(head);
        for (Row r : rows) {
            cells.add(new String[] {r.group(), r.probe(), r.expectation(), r.outcome(), r.verdict().name()});
        }
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < cells.size(); n++) {
            String[] line = cells.get(n);
            sb.append('|');
            for (int i = 0; i < line.length; i++) {
                sb.append(' ').append(String.format("%-" + width[i] + "s", line[i])).append(" |");
            }
            sb.append('\n');
            if (n == 0) {
                sb.append('|');
                for (int w : width) {
                    sb.append("-".repeat(w + 2)).append('|');
                }
                sb.append('\n');
            }
        }
        long failed = rows.stream().filter(r -> r.verdict() == Verdict.FAIL).count();
        long skipped = rows.stream().filter(r -> r.verdict() == Verdict.SKIP).count();
        sb.append(rows.size()).append(" probes: ").append(rows.size() - failed - skipped).append(" passed, ")
                .append(failed).append(" failed, ").append(skipped).append(" skipped\n");
        return sb.toString();
    }

    /** The table, then the failure details. */
    synchronized void write(Path file, String header) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        StringBuilder sb = new StringBuilder(header).append('\n').append(format());
        if (!details.isEmpty()) {
            sb.append("\nfailure details:\n\n");
            details.forEach(d -> sb.append(d).append('\n'));
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }
}
