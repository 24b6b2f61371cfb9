package dev.imgcls.train.provenance;

import com.google.gson.JsonObject;
import dev.imgcls.io.AtomicOutputStream;
import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;
import dev.imgcls.io.GcsPath;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Keeps the provenance of a training job: how its checkpoints and exported models were made
 * (see {@link ProvenanceJson} for the record). {@code checkpoints/provenance.json} is replaced
 * atomically after every checkpoint, and every exported SavedModel gets a copy in
 * {@code assets.extra/provenance.json} (inside the new model version, so it is published with the
 * model; TF loaders and TF Serving ignore {@code assets.extra}).
 *
 * <p>Input hashes: the job starts at once and the hashes follow. A daemon thread
 * ({@link ShardHasher}) reads {@code gs://} objects' stored CRC32C and streams local files
 * through CRC32C while the job trains; until a file is done, the record says it is pending. The
 * previous provenance file of a resumed job is the cache: a local file with the same path, size
 * and modification time keeps its recorded hash, so a resume hashes only what changed. A job that
 * reaches {@code max_steps} waits for the last hashes before its final evaluation, so its last
 * checkpoint and a model exported at the end always list every hash. Files are written on the
 * job's thread only (after checkpoints and in exports), never by the hashing thread, so a write
 * failure stops the job like any other.
 */
public final class ProvenanceRecorder implements AutoCloseable {
    /** The file's name, in {@code checkpoints/} and in a SavedModel's {@code assets.extra/}. */
    public static final String FILE = "provenance.json";
    /** Local inputs above this size get a line saying they are being hashed. */
    private static final long ANNOUNCED_BYTES = 1L << 30;

    private final FileSystems fileSystems;
    private final String file;
    private final RunFacts facts;
    private final BuildInfo build;
    private final List<JsonObject> earlierRuns;
    private final Map<String, ShardFingerprint> fingerprints = new LinkedHashMap<>();
    private final List<Long> checkpointSteps = new ArrayList<>();
    private ShardHasher hasher;

    private ProvenanceRecorder(FileSystems fileSystems, String file, RunFacts facts, BuildInfo build, List<JsonObject> earlierRuns) {
        this.fileSystems = fileSystems;
        this.file = file;
        this.facts = facts;
        this.build = build;
        this.earlierRuns = earlierRuns;
    }

    /**
     * Starts the record of a run: reads the job's earlier runs from {@code checkpointDirectory}
     * (a damaged file is reported and replaced), reuses their hashes where the files are
     * unchanged and starts hashing the rest in the background.
     */
    public static ProvenanceRecorder start(RunFacts facts, String checkpointDirectory, FileSystems fileSystems, PrintStream out)
            throws IOException {
        // Only gs:// inputs need the Cloud Storage client: a jar without it (bin/gpu-check's) still trains on local files.
        boolean gcsInputs = facts.trainingShards().stream().anyMatch(GcsPath::isGcs)
                || facts.validationShards().stream().anyMatch(GcsPath::isGcs);
        return start(facts, checkpointDirectory, fileSystems, gcsInputs ? GcsObjectMetadata.fromEnvironment() : null, BuildInfo.current(),
                out);
    }

    static ProvenanceRecorder start(RunFacts facts, String checkpointDirectory, FileSystems fileSystems, GcsObjectMetadata metadata,
                                    BuildInfo build, PrintStream out) throws IOException {
        String file = FileSystems.join(checkpointDirectory, FILE);
        List<JsonObject> earlier = readEarlierRuns(fileSystems, file, out);
        ProvenanceRecorder recorder = new ProvenanceRecorder(fileSystems, file, facts, build, earlier);
        recorder.startHashing(ProvenanceJson.hashedLocalFiles(earlier), metadata, out);
        return recorder;
    }

    private static List<JsonObject> readEarlierRuns(FileSystems fileSystems, String file, PrintStream out) throws IOException {
        FileSystem fs = fileSystems.resolve(file);
        if (!fs.exists(file)) {
            return new ArrayList<>();
        }
        String json;
        try (InputStream in = fs.openRead(file)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            return new ArrayList<>(ProvenanceJson.runs(json));
        } catch (IllegalArgumentException e) {
            out.println("provenance: " + file + " is damaged (" + e.getMessage() + "); replacing it, the earlier runs' record is lost");
            return new ArrayList<>();
        }
    }

    private void startHashing(List<ShardFingerprint> cache, GcsObjectMetadata metadata, PrintStream out) {
        Map<String, ShardFingerprint> cached = new HashMap<>();
        cache.forEach(f -> cached.put(f.path(), f));
        List<ShardFingerprint> local = new ArrayList<>();
        List<String> gcs = new ArrayList<>();
        LinkedHashSet<String> paths = new LinkedHashSet<>(facts.trainingShards());
        paths.addAll(facts.validationShards());
        for (String path : paths) {
            ShardFingerprint f;
            if (GcsPath.isGcs(path)) {
                f = new ShardFingerprint(path, -1, null, null, null, null, null);
                gcs.add(path);
            } else {
                f = stat(path);
                ShardFingerprint before = cached.get(path);
                if (before != null && f.sameFileAs(before)) {
                    f = f.withCrc32c(before.crc32c());
                } else if (!f.settled()) {
                    local.add(f);
                }
            }
            fingerprints.put(path, f);
        }
        long bytes = local.stream().mapToLong(ShardFingerprint::size).sum();
        if (bytes > ANNOUNCED_BYTES) {
            out.printf("provenance: hashing %,d input files (%.1f GB) in the background%n", local.size(), bytes / 1e9);
        }
        if (!local.isEmpty() || !gcs.isEmpty()) {
            hasher = ShardHasher.start(local, gcs, fileSystems, metadata, this::settled);
        }
    }

    private static ShardFingerprint stat(String path) {
        try {
            BasicFileAttributes a = Files.readAttributes(Path.of(path.startsWith("file://") ? path.substring("file://".length()) : path),
                    BasicFileAttributes.class);
            return ShardFingerprint.pending(path, a.size(), a.lastModifiedTime().toMillis());
        } catch (IOException | RuntimeException e) {
            return new ShardFingerprint(path, -1, null, null, null, null, "not readable: " + e.getMessage());
        }
    }

    private void settled(ShardFingerprint f) {
        synchronized (fingerprints) {
            fingerprints.put(f.path(), f);
        }
    }

    private ShardFingerprint fingerprint(String path) {
        synchronized (fingerprints) {
            return fingerprints.get(path);
        }
    }

    /** Records the checkpoint just saved and replaces {@code checkpoints/provenance.json}. */
    public void checkpointSaved(long step) throws IOException {
        checkpointSteps.add(step);
        FileSystem fs = fileSystems.resolve(file);
        try (AtomicOutputStream out = fs.create(file)) {
            out.write(document(null).getBytes(StandardCharsets.UTF_8));
            out.commit();
        }
    }

    /** The files an export of the model at {@code step} carries in {@code assets.extra/}. */
    public Map<String, String> exportAssets(long step) {
        return Map.of(FILE, document(step));
    }

    /**
     * Waits for the hashes still being computed, saying so when there are any (a job that
     * reaches max_steps calls this before its final checkpoint and export).
     */
    public void awaitHashes(PrintStream out) {
        if (hasher == null || hasher.done()) {
            return;
        }
        out.printf("provenance: waiting for the hashes of %d more input files (%.1f MB to read)%n", hasher.filesLeft(),
                hasher.bytesLeft() / 1e6);
        long t0 = System.nanoTime();
        try {
            hasher.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a stop request: the record says which files are still pending
            return;
        }
        out.printf("provenance: input files hashed in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private String document(Long exportedAtStep) {
        List<JsonObject> runs = new ArrayList<>(earlierRuns);
        runs.add(ProvenanceJson.run(facts, build, checkpointSteps, this::fingerprint));
        return ProvenanceJson.document(facts.seed(), runs, exportedAtStep);
    }

    /** Stops the hashing thread; what it had not done stays pending in the record. */
    @Override
    public void close() {
        if (hasher != null) {
            hasher.stop();
        }
    }
}
