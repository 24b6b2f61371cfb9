package dev.imgcls.export.checkpoint;

import dev.imgcls.export.proto.CheckpointState;
import dev.imgcls.io.FaultPoints;
import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;
import dev.imgcls.io.TemporaryNames;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TF1-style checkpoint directory: {@code model.ckpt-<step>.index} and
 * {@code .data-00000-of-00001} per saved step, and the {@code checkpoint} state file naming the
 * kept ones (relative paths, oldest first) and the newest, as {@code tf.train.Saver} and
 * {@code tf.train.CheckpointManager} keep it. Works on local paths and {@code gs://}.
 *
 * <p>A save writes the bundle (data file, then index, each under a temporary name and published
 * atomically), then replaces the state file atomically, then deletes the files of checkpoints
 * beyond the last {@code maxToKeep}. A job killed at any point leaves the previous state file
 * naming complete checkpoints; {@link #latest()} also skips any that are damaged.
 *
 * <pre>{@code
 * CheckpointManager checkpoints = new CheckpointManager(jobDir + "/checkpoints", 5);
 * Optional<String> resumeFrom = checkpoints.latest();
 * ...
 * Map<String, Tensor> values = new LinkedHashMap<>();
 * model.variables().forEach(v -> values.put(v.name(), v.value()));
 * checkpoints.save(step, CheckpointValue.ofTensors(values));
 * }</pre>
 *
 * <p>One manager per directory, used from one thread at a time.
 */
public final class CheckpointManager {

    public static final String DEFAULT_BASENAME = "model.ckpt";

    private static final System.Logger LOG = System.getLogger(CheckpointManager.class.getName());
    private static final Pattern STEP = Pattern.compile(".*-(\\d+)");

    /** A kept checkpoint: its path as the state file writes it (relative for ours) and its save time. */
    private record Kept(String path, double timestamp) {}

    private final FileSystems fileSystems;
    private final FileSystem fs;
    private final String directory;
    private final String basename;
    private final int maxToKeep;
    private final Clock clock;
    private final double lastPreserved;
    private final List<Kept> kept = new ArrayList<>();

    /** Keeps the last {@code maxToKeep} checkpoints named {@code model.ckpt-<step>} in {@code directory}. */
    public CheckpointManager(String directory, int maxToKeep) throws IOException {
        this(FileSystems.defaults(), directory, DEFAULT_BASENAME, maxToKeep, Clock.systemUTC());
    }

    /**
     * Continues the directory's existing state, if any: checkpoints its state file lists count
     * toward {@code maxToKeep} and are deleted in turn.
     */
    public CheckpointManager(FileSystems fileSystems, String directory, String basename, int maxToKeep, Clock clock) throws IOException {
        if (maxToKeep < 1) {
            throw new IllegalArgumentException("maxToKeep must be at least 1, got " + maxToKeep);
        }
        if (basename.isEmpty() || basename.contains("/")) {
            throw new IllegalArgumentException("checkpoint basename must be a plain file name, got '" + basename + "'");
        }
        this.fileSystems = fileSystems;
        this.fs = fileSystems.resolve(directory);
        this.directory = directory;
        this.basename = basename;
        this.maxToKeep = maxToKeep;
        this.clock = clock;
        this.lastPreserved = now();
        Optional<CheckpointState> state = readStateQuietly(fileSystems, directory);
        if (state.isPresent()) {
            List<String> paths = state.get().getAllModelCheckpointPathsList();
            List<Double> times = state.get().getAllModelCheckpointTimestampsList();
            for (int i = 0; i < paths.size(); i++) {
                kept.add(new Kept(paths.get(i), times.size() == paths.size() ? times.get(i) : lastPreserved));
            }
        }
    }

    public String directory() {
        return directory;
    }

    /** The prefix step {@code step} is saved under. */
    public String prefixFor(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("checkpoint step must be >= 0, got " + step);
        }
        return FileSystems.join(directory, basename + "-" + step);
    }

    /** Kept checkpoints' prefixes, oldest first, as the state file lists them (resolved against the directory). */
    public List<String> checkpoints() {
        return kept.stream().map(k -> resolve(directory, k.path())).toList();
    }

    /**
     * Saves {@code values} as step {@code step} (data in the map's iteration order), records it as
     * the newest checkpoint and deletes the oldest ones beyond {@code maxToKeep}.
     *
     * @return the new checkpoint's prefix
     */
    public String save(long step, Map<String, ? extends CheckpointValue> values) throws IOException {
        String prefix = prefixFor(step);
        String name = BundleReader.nameOf(prefix);
        fs.mkdirs(directory);
        BundleWriter.write(fileSystems, prefix, values);
        FaultPoints.reach(FaultPoints.CHECKPOINT_BUNDLE_WRITTEN);

        // The new list takes effect only once the state file says so: if writing it fails, the
        // manager still describes what is on disk.
        List<Kept> next = new ArrayList<>(kept);
        next.removeIf(k -> k.path().equals(name) || resolve(directory, k.path()).equals(prefix));
        next.add(new Kept(name, now()));
        List<Kept> expired = new ArrayList<>();
        while (next.size() > maxToKeep) {
            expired.add(next.remove(0));
        }
        CheckpointStateFile.write(fileSystems, directory, CheckpointState.newBuilder()
                .setModelCheckpointPath(name)
                .addAllAllModelCheckpointPaths(next.stream().map(Kept::path).toList())
                .addAllAllModelCheckpointTimestamps(next.stream().map(Kept::timestamp).toList())
                .setLastPreservedTimestamp(lastPreserved)
                .build());
        kept.clear();
        kept.addAll(next);
        FaultPoints.reach(FaultPoints.CHECKPOINT_STATE_WRITTEN);
        for (Kept k : expired) {
            deleteBundle(resolve(directory, k.path()));
        }
        return prefix;
    }

    /**
     * Deletes what interrupted saves left in the directory: temporary files of unfinished writes,
     * and bundles of this manager's basename that the state file does not list (written but never
     * recorded, or recorded as expired but not yet deleted). Without a readable state file only
     * temporary files are removed, since the bundles are then the only record of the job. Only
     * safe while no other process writes to the directory.
     *
     * @return the number of files deleted
     */
    public int removeStale() throws IOException {
        if (!fs.exists(directory)) {
            return 0;
        }
        boolean listed = readStateQuietly(fileSystems, directory).isPresent();
        Set<String> keptNames = new LinkedHashSet<>();
        for (Kept k : kept) {
            keptNames.add(BundleReader.nameOf(resolve(directory, k.path())));
        }
        Pattern ours = Pattern.compile(Pattern.quote(basename) + "-\\d+");
        List<String> stale = new ArrayList<>();
        List<String> staleIndexes = new ArrayList<>();
        for (String file : fs.list(directory)) {
            if (TemporaryNames.isTemporaryFile(file)) {
                stale.add(file);
                continue;
            }
            int dot = file.indexOf('.', basename.length());
            String bundle = dot < 0 ? file : file.substring(0, dot);
            if (listed && ours.matcher(bundle).matches() && BundleNames.belongsTo(file, bundle) && !keptNames.contains(bundle)) {
                (file.endsWith(BundleNames.INDEX_SUFFIX) ? staleIndexes : stale).add(file);
            }
        }
        // Indexes first, so that a bundle half deleted by another interruption is never taken as complete.
        staleIndexes.addAll(stale);
        for (String file : staleIndexes) {
            fs.delete(FileSystems.join(directory, file));
        }
        return staleIndexes.size();
    }

    /** The newest complete checkpoint of this directory; see {@link #latestCheckpoint(FileSystems, String)}. */
    public Optional<String> latest() throws IOException {
        return latestCheckpoint(fileSystems, directory);
    }

    public static Optional<String> latestCheckpoint(String directory) throws IOException {
        return latestCheckpoint(FileSystems.defaults(), directory);
    }

    /**
     * The prefix of the newest complete checkpoint in {@code directory}: the state file's newest
     * entry whose index verifies and whose data files are all there, else older entries in turn
     * (each skipped one is logged), else, when the state file is missing or names nothing usable,
     * the highest-step {@code *-<step>.index} in the directory.
     */
    public static Optional<String> latestCheckpoint(FileSystems fileSystems, String directory) throws IOException {
        Set<String> tried = new LinkedHashSet<>();
        Optional<CheckpointState> state = readStateQuietly(fileSystems, directory);
        if (state.isPresent()) {
            List<String> candidates = new ArrayList<>();
            if (!state.get().getModelCheckpointPath().isEmpty()) {
                candidates.add(state.get().getModelCheckpointPath());
            }
            List<String> all = state.get().getAllModelCheckpointPathsList();
            for (int i = all.size() - 1; i >= 0; i--) {
                candidates.add(all.get(i));
            }
            for (String candidate : candidates) {
                String prefix = locate(fileSystems, directory, candidate);
                if (tried.add(prefix) && isComplete(fileSystems, prefix)) {
                    return Optional.of(prefix);
                }
            }
        }
        FileSystem fs = fileSystems.resolve(directory);
        if (!fs.exists(directory)) {
            return Optional.empty();
        }
        List<String> found = new ArrayList<>();
        for (String file : fs.list(directory)) {
            if (file.endsWith(BundleNames.INDEX_SUFFIX) && STEP.matcher(stem(file)).matches()) {
                found.add(FileSystems.join(directory, stem(file)));
            }
        }
        found.sort(Comparator.comparingLong(CheckpointManager::stepOf).reversed());
        for (String prefix : found) {
            if (tried.add(prefix) && isComplete(fileSystems, prefix)) {
                LOG.log(System.Logger.Level.INFO, "using checkpoint " + prefix + ", found by listing " + directory
                        + (state.isPresent() ? " (its checkpoint state file names no usable checkpoint)" : " (it has no readable checkpoint state file)"));
                return Optional.of(prefix);
            }
        }
        return Optional.empty();
    }

    /** The step a prefix {@code ...-<step>} was saved at. */
    public static long stepOf(String prefix) {
        Matcher m = STEP.matcher(BundleReader.nameOf(prefix));
        if (!m.matches()) {
            throw new IllegalArgumentException("checkpoint prefix " + prefix + " does not end in -<step>");
        }
        return Long.parseLong(m.group(1));
    }

    private static boolean isComplete(FileSystems fileSystems, String prefix) {
        try {
            BundleReader.open(fileSystems, prefix).checkDataFiles();
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "skipping checkpoint " + prefix + ", which is incomplete or damaged (" + e.getMessage()
                    + "); trying an older one");
            return false;
        }
    }

    /**
     * A state-file path resolved against the directory. An absolute path that no longer exists
     * (TF1 savers write absolute paths; the directory may have been copied since) falls back to
     * the same name inside the directory.
     */
    private static String locate(FileSystems fileSystems, String directory, String path) throws IOException {
        String resolved = resolve(directory, path);
        if (isAbsolute(path)) {
            String local = FileSystems.join(directory, BundleReader.nameOf(path));
            FileSystem fs = fileSystems.resolve(resolved);
            if (!fs.exists(BundleNames.indexFile(resolved)) && fileSystems.resolve(local).exists(BundleNames.indexFile(local))) {
                LOG.log(System.Logger.Level.INFO, "checkpoint state names " + path + ", which does not exist; using " + local);
                return local;
            }
        }
        return resolved;
    }

    static String resolve(String directory, String path) {
        return isAbsolute(path) ? path : FileSystems.join(directory, path);
    }

    private static boolean isAbsolute(String path) {
        return path.startsWith("/") || path.contains("://");
    }

    private static Optional<CheckpointState> readStateQuietly(FileSystems fileSystems, String directory) throws IOException {
        try {
            return CheckpointStateFile.read(fileSystems, directory);
        } catch (CheckpointFormatException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; ignoring it and looking for checkpoint files instead");
            return Optional.empty();
        }
    }

    /** Deletes a bundle's files, the index first so that a partly deleted bundle is never taken as complete. */
    private void deleteBundle(String prefix) {
        String dir = prefix.substring(0, Math.max(0, prefix.lastIndexOf('/')));
        String name = BundleReader.nameOf(prefix);
        try {
            FileSystem dirFs = fileSystems.resolve(prefix);
            List<String> files = new ArrayList<>(dirFs.list(dir.isEmpty() ? "." : dir).stream()
                    .filter(f -> BundleNames.belongsTo(f, name)).toList());
            files.sort(Comparator.comparing((String f) -> !f.endsWith(BundleNames.INDEX_SUFFIX)));
            for (String f : files) {
                dirFs.delete(dir.isEmpty() ? f : FileSystems.join(dir, f));
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete old checkpoint " + prefix + ": " + e.getMessage());
        }
    }

    private static String stem(String indexFile) {
        return indexFile.substring(0, indexFile.length() - BundleNames.INDEX_SUFFIX.length());
    }

    private double now() {
        return clock.millis() / 1000.0;
    }
}
