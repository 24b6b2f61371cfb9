package dev.imgcls.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Named instants in the code that writes a job's files (inside a checkpoint write, between the
 * renames of a model switch, …) where the fault-injection suite makes the process die or a write
 * fail. Off unless the JVM is started with:
 * <ul>
 *   <li>{@code -Dimgcls.faults=POINT[@N]:crash|enospc[,…]} — on the N-th time (default 1) the
 *       point is reached, {@code crash} halts the JVM with status 137 at once, as {@code kill -9}
 *       would (no shutdown hooks, nothing flushed), and {@code enospc} throws the
 *       {@link IOException} a full disk gives;</li>
 *   <li>{@code -Dimgcls.faults.trace=FILE} — appends each point's name to FILE as it is reached,
 *       so the suite can list the points a job passes through.</li>
 * </ul>
 * A point costs nothing when neither is set (read once at class initialisation).
 */
public final class FaultPoints {
    /** A local file is opened for an atomic write (the disk-full point of every write). */
    public static final String ATOMIC_FILE_OPEN = "atomic-file.open";
    /** Its content is written, before it is forced to disk and renamed into place. */
    public static final String ATOMIC_FILE_PUBLISH = "atomic-file.publish";
    /** A checkpoint's data file is published, its index not yet. */
    public static final String CHECKPOINT_DATA_WRITTEN = "checkpoint.data-written";
    /** A checkpoint's bundle is complete, the state file does not name it yet. */
    public static final String CHECKPOINT_BUNDLE_WRITTEN = "checkpoint.bundle-written";
    /** The state file names the new checkpoint; expired ones are not deleted yet. */
    public static final String CHECKPOINT_STATE_WRITTEN = "checkpoint.state-written";
    /** A new model version is complete in its folder; the link still names the previous one. */
    public static final String MODEL_VERSION_WRITTEN = "model.version-written";
    /** The link names the new version; older versions are not removed yet. */
    public static final String MODEL_SWITCHED = "model.switched";
    /** A training step is done. */
    public static final String TRAINING_STEP = "job.step";

    public static final String FAULTS_PROPERTY = "imgcls.faults";
    public static final String TRACE_PROPERTY = "imgcls.faults.trace";
    /** The exit status of a {@code crash} fault: what a shell reports for a process killed by SIGKILL. */
    public static final int CRASH_STATUS = 137;
    /** The message of an {@code enospc} fault: the JDK's text for ENOSPC. */
    public static final String NO_SPACE = "No space left on device";

    private record Fault(String point, int occurrence, boolean crash) {
    }

    private static final boolean ENABLED = System.getProperty(FAULTS_PROPERTY) != null || System.getProperty(TRACE_PROPERTY) != null;
    private static final Map<String, Integer> reached = new HashMap<>();
    private static List<Fault> faults;

    private FaultPoints() {
    }

    /** Marks that {@code point} is reached; may not return when a fault is set for it. */
    public static void reach(String point) throws IOException {
        if (ENABLED) {
            act(point);
        }
    }

    private static synchronized void act(String point) throws IOException {
        String trace = System.getProperty(TRACE_PROPERTY);
        if (trace != null) {
            try {
                Files.writeString(Path.of(trace), point + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the fault trace file " + trace, e);
            }
        }
        int count = reached.merge(point, 1, Integer::sum);
        for (Fault f : faults()) {
            if (f.point().equals(point) && f.occurrence() == count) {
                if (f.crash()) {
                    Runtime.getRuntime().halt(CRASH_STATUS);
                }
                throw new IOException(NO_SPACE);
            }
        }
    }

    private static List<Fault> faults() {
        if (faults == null) {
            faults = parse(System.getProperty(FAULTS_PROPERTY, ""));
        }
        return faults;
    }

    static List<Fault> parse(String spec) {
        List<Fault> parsed = new ArrayList<>();
        for (String item : spec.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int colon = item.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("-D" + FAULTS_PROPERTY + ": '" + item + "' is not POINT[@N]:crash|enospc");
            }
            String kind = item.substring(colon + 1).strip();
            if (!kind.equals("crash") && !kind.equals("enospc")) {
                throw new IllegalArgumentException("-D" + FAULTS_PROPERTY + ": unknown fault '" + kind + "' in '" + item + "' (crash or enospc)");
            }
            String where = item.substring(0, colon).strip();
            int at = where.lastIndexOf('@');
            int occurrence = at < 0 ? 1 : Integer.parseInt(where.substring(at + 1));
            parsed.add(new Fault(at < 0 ? where : where.substring(0, at), occurrence, kind.equals("crash")));
        }
        return parsed;
    }
}
