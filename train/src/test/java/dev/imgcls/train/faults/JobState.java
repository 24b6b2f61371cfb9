package dev.imgcls.train.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The final state of a job directory, to compare a killed-and-resumed job with an uninterrupted
 * one byte for byte: a digest of every file (checkpoints, {@code final_metrics.json}, the model
 * {@code model/} points to), except event files (timestamps), the provenance records (one entry
 * per run) and the timestamp lines of the checkpoint state file. Hidden entries are left to {@link DebrisScan}.
 */
record JobState(SortedMap<String, String> files) {

    static JobState of(Path jobDir) throws IOException {
        SortedMap<String, String> files = new TreeMap<>();
        add(jobDir.toRealPath(), "", modelVersion(jobDir), files);
        return new JobState(files);
    }

    /**
     * The folder {@code model} links to, when it is a link: its own name may differ between
     * runs (a version counter), so it is compared only as {@code model/}.
     */
    static Path modelVersion(Path jobDir) throws IOException {
        Path model = jobDir.resolve(JobDirectoryRules.MODEL);
        return Files.isSymbolicLink(model) && Files.exists(model) ? model.toRealPath() : null;
    }

    private static void add(Path dir, String prefix, Path version, Map<String, String> files) throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.toList();
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            String relative = prefix + name;
            if (JobDirectoryRules.hidden(name) || name.startsWith(JobDirectoryRules.EVENT_FILE_PREFIX)
                    || name.equals(JobDirectoryRules.PROVENANCE)
                    || JobDirectoryRules.ALLOWED_HIDDEN.contains(name)
                    || (version != null && !Files.isSymbolicLink(p) && p.toRealPath().equals(version))) {
                continue;
            }
            if (Files.isDirectory(p)) { // follows the model link to the version it names
                add(p, relative + "/", version, files);
            } else if (name.equals(JobDirectoryRules.CHECKPOINT_STATE)) {
                files.put(relative, pathLines(p));
            } else {
                files.put(relative, sha256(p));
            }
        }
    }

    /** The state file's checkpoint paths, without its {@code *_timestamp} lines. */
    private static String pathLines(Path stateFile) throws IOException {
        return Files.readAllLines(stateFile, StandardCharsets.UTF_8).stream().filter(l -> !l.contains("timestamp"))
                .collect(Collectors.joining(" / "));
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What differs from {@code expected}: missing, extra and changed files; empty when identical. */
    List<String> differences(JobState expected) {
        List<String> out = new ArrayList<>();
        for (String path : new TreeSet<>(union(expected))) {
            String want = expected.files().get(path);
            String got = files.get(path);
            if (got == null) {
                out.add("missing " + path);
            } else if (want == null) {
                out.add("extra " + path);
            } else if (!want.equals(got)) {
                out.add("differs " + path + (path.endsWith(JobDirectoryRules.CHECKPOINT_STATE) ? " (" + got + " vs " + want + ")" : ""));
            }
        }
        return out;
    }

    private List<String> union(JobState other) {
        List<String> all = new ArrayList<>(files.keySet());
        all.addAll(other.files().keySet());
        return all;
    }
}
