package dev.imgcls.train.events;

import dev.imgcls.io.FileSystem;
import dev.imgcls.io.FileSystems;
import dev.imgcls.io.GcsPath;
import dev.imgcls.train.events.proto.Event;
import dev.imgcls.train.events.proto.Summary;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

/**
 * One TensorBoard event file, {@code events.out.tfevents.<10-digit seconds>.<hostname>} in a
 * directory (local or {@code gs://}; created if missing). The first record is
 * {@code Event{wall_time, file_version: "brain.Event:2"}} with whole seconds, as TF writes it; each
 * {@link #scalars} call adds one {@code Event{wall_time, step, summary}} and is flushed at once.
 * If a file of that name exists already (two writers in the same second), {@code .1}, {@code .2}, …
 * is appended; TensorBoard only needs "tfevents" in the name.
 */
public final class EventFileWriter implements Closeable {
    public static final String FILE_VERSION = "brain.Event:2";

    private final String path;
    private final EventSink sink;
    private final InstantSource clock;
    private boolean closed;

    private EventFileWriter(String path, EventSink sink, InstantSource clock) {
        this.path = path;
        this.sink = sink;
        this.clock = clock;
    }

    /** A new file in {@code directory}, stamped with the system clock and this machine's host name. */
    public static EventFileWriter open(String directory) throws IOException {
        return open(directory, InstantSource.system(), hostName());
    }

    public static EventFileWriter open(String directory, InstantSource clock, String hostName) throws IOException {
        Instant now = clock.instant();
        String base = String.format("events.out.tfevents.%010d.%s", now.getEpochSecond(), sanitize(hostName));
        FileSystem fs = FileSystems.forPath(directory);
        String path = FileSystems.join(directory, base);
        for (int n = 1; fs.exists(path); n++) {
            path = FileSystems.join(directory, base + "." + n);
        }
        EventSink sink = GcsPath.isGcs(directory) ? new RewritingEventSink(fs, path) : new LocalEventSink(localPath(path));
        EventFileWriter writer = new EventFileWriter(path, sink, clock);
        try {
            writer.write(Event.newBuilder().setWallTime(now.getEpochSecond()).setFileVersion(FILE_VERSION).build());
        } catch (IOException | RuntimeException e) {
            writer.close();
            throw e;
        }
        return writer;
    }

    /** The file's path (directory joined with the file name). */
    public String path() {
        return path;
    }

    /** One scalar at a step. */
    public void scalar(long step, String tag, double value) throws IOException {
        scalars(step, Map.of(tag, value));
    }

    /** Several scalars of one step in one event, in the map's iteration order. Values are stored as float32, as TF does. */
    public void scalars(long step, Map<String, ? extends Number> values) throws IOException {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no scalars to write at step " + step);
        }
        Summary.Builder summary = Summary.newBuilder();
        values.forEach((tag, value) -> {
            if (tag.isEmpty()) {
                throw new IllegalArgumentException("a summary tag must not be empty");
            }
            summary.addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue(value.floatValue()));
        });
        write(Event.newBuilder().setWallTime(seconds(clock.instant())).setStep(step).setSummary(summary).build());
    }

    /** Appends any event (framed) and flushes it. */
    public synchronized void write(Event event) throws IOException {
        if (closed) {
            throw new IOException("event file " + path + " is closed");
        }
        sink.append(RecordFraming.frame(event.toByteArray()));
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            sink.close();
        }
    }

    private static double seconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    private static Path localPath(String path) {
        return Path.of(path.startsWith("file://") ? path.substring("file://".length()) : path);
    }

    /** Host names go into a file name: keep them to characters that are safe everywhere. */
    private static String sanitize(String hostName) {
        String cleaned = hostName.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() ? "localhost" : cleaned;
    }

    /** This machine's name, as TF's port::Hostname() gives it; "localhost" if it cannot be found. */
    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }
}
