package dev.imgcls.train.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debris in a finished job directory: hidden temporary files and folders (half-written files,
 * temporary links) other than the names {@link JobDirectoryRules#ALLOWED_HIDDEN} allows, model
 * versions other than the one {@code model} names, and checkpoints beyond {@code --keep_checkpoints}.
 */
final class DebrisScan {
    private static final Pattern CHECKPOINT_FILE = Pattern.compile("(" + Pattern.quote(JobDirectoryRules.CHECKPOINT_PREFIX) + "\\d+)\\..*");
    private DebrisScan() {
    }

    static List<String> scan(Path given, int keepCheckpoints) throws IOException {
        Path jobDir = given.toRealPath(); // the link target below is a real path too
        List<String> debris = new ArrayList<>();
        Path version = JobState.modelVersion(jobDir);
        List<Path> all;
        try (Stream<Path> walk = Files.walk(jobDir)) {
            all = walk.toList();
        }
        for (Path p : all) {
            String name = p.getFileName().toString();
            if (!p.equals(jobDir) && JobDirectoryRules.hidden(name) && !JobDirectoryRules.ALLOWED_HIDDEN.contains(name)
                    && !p.equals(version)) {
                debris.add(jobDir.relativize(p).toString());
            }
        }
        // A versions folder keeps the version in use only.
        if (version != null && Files.isDirectory(version.getParent())
                && JobDirectoryRules.ALLOWED_HIDDEN.contains(version.getParent().getFileName().toString())) {
            try (Stream<Path> list = Files.list(version.getParent())) {
                list.filter(p -> !p.equals(version)).forEach(p -> debris.add(jobDir.relativize(p) + " (a version model/ does not name)"));
            }
        }
        TreeSet<String> checkpoints = new TreeSet<>();
        Path dir = jobDir.resolve(JobDirectoryRules.CHECKPOINTS);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> list = Files.list(dir)) {
                list.map(p -> CHECKPOINT_FILE.matcher(p.getFileName().toString())).filter(Matcher::matches)
                        .forEach(m -> checkpoints.add(m.group(1)));
            }
        }
        if (checkpoints.size() > keepCheckpoints) {
            debris.add(checkpoints.size() + " checkpoints kept, --keep_checkpoints=" + keepCheckpoints + ": " + checkpoints);
        }
        return debris;
    }
}
