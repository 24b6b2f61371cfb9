package dev.imgcls.train.report;

import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a training job's reports go, under one folder (e.g. {@code <job-dir>/eval/}):
 * {@code step-<N>/} for each evaluation and {@code latest/} with the newest one's files. Only the
 * newest {@value #KEEP} step folders are kept, so a long job's reports take bounded space.
 */
public final class ReportFolders {
    public static final String LATEST = "latest";
    public static final int KEEP = 5;
    private static final Pattern STEP = Pattern.compile("step-(\\d+)");

    private final String base;
    private final FileSystems fileSystems;

    public ReportFolders(String base, FileSystems fileSystems) {
        this.base = base;
        this.fileSystems = fileSystems;
    }

    public String stepFolder(long step) {
        return FileSystems.join(base, "step-" + step);
    }

    public String latest() {
        return FileSystems.join(base, LATEST);
    }

    /** Writes the report of {@code step} into its step folder and {@code latest/}, drops the oldest step folders; returns the step folder. */
    public String write(ReportFiles files, long step) throws IOException {
        String folder = stepFolder(step);
        files.writeTo(folder, fileSystems);
        files.writeTo(latest(), fileSystems);
        prune();
        return folder;
    }

    private void prune() throws IOException {
        FileSystem fs = fileSystems.resolve(base);
        List<Long> steps = new ArrayList<>();
        for (String name : fs.list(base)) {
            Matcher m = STEP.matcher(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
            if (m.matches()) {
                steps.add(Long.parseLong(m.group(1)));
            }
        }
        steps.sort(null);
        for (long old : steps.subList(0, Math.max(0, steps.size() - KEEP))) {
            String folder = stepFolder(old);
            for (String name : fs.list(folder)) {
                fs.delete(FileSystems.join(folder, name));
            }
            if (!folder.startsWith("gs://")) {
                fs.delete(folder); // a GCS folder is only a prefix: it went with its objects
            }
        }
    }
}
